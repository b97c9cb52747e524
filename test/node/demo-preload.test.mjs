// The built demo pages ask for every module their script imports, hashed chunks included, with
// the page itself (scripts/rollup-modulepreload.mjs). Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { importGraph } from '../../scripts/rollup-modulepreload.mjs';

for (const [page, script] of [
  ['dist/demo/index.html', 'dist/demo/dashboard.js'],
  ['dist/demo/strict-csp.html', 'dist/index.js'],
])
  it(`${page} preloads every module ${script} imports`, () => {
    const html = readFileSync(page, 'utf8');
    const hinted = [...html.matchAll(/<link rel="modulepreload" href="\.\.\/([^"]+)"/g)].map(
      ([, href]) => `dist/${href}`,
    );
    const imported = importGraph(script).filter((f) => f !== script);
    assert.ok(
      imported.some((f) => /lit-[\w-]{8,}\.js$/.test(f)),
      'the hashed lit chunk',
    );
    assert.deepEqual(hinted.toSorted(), imported.toSorted());
  });
