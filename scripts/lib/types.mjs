// The declaration files a user of the package can reach: from each `types` entry of package.json's
// exports, through relative imports. tsc emits one per source file; the rest describe internals.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export function unreachableTypes(pkg, root = 'dist/types') {
  const entries = Object.values(pkg.exports)
    .map((target) => target.types)
    .filter(Boolean)
    .map((path) => normalize(path));
  const reached = new Set();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g))
      todo.push(join(dirname(file), spec.replace(/\.js$/, '.d.ts')));
  }
  return readdirSync(root, { recursive: true })
    .map((path) => join(root, path))
    .filter((path) => path.endsWith('.d.ts') && !reached.has(path));
}
