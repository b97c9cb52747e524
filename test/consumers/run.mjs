// The consumer paths, end to end: installs a packed digit-pad into fixture apps and checks,
// in Chromium, that the pad becomes ready and reads a drawn digit with both models in each:
// Vite 8, Vite 7 and webpack 5 (build + preview, and dev server), a CDN on another origin and
// a plain page with an import map; a strict TypeScript app type-checks against the types. Usage: node test/consumers/run.mjs [--only text] [digit-pad.tgz]
// (without a tarball it packs one; --only picks setups by name; --tools-only installs the
// fixture's bundlers and stops). Writes test-results/consumers.json for `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { checkPage } from './lib/page-check.mjs';
import { freePort, run, startServer, staticServer } from './lib/servers.mjs';
import { installLibrary, prepareTools } from './lib/workspace.mjs';

const bin = (dir, name) => join(dir, 'node_modules', '.bin', name);
// The repository's TypeScript: the fixture app checks the package's types, not its own tools.
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

/**
 * Each setup either checks the workspace (`check`, returning problems) or serves the fixture one
 * way (`serve`), returning the page to check, how to stop, and the build's log, which must hold
 * no warning (a user would see it at every build).
 */
const SETUPS = [
  {
    name: 'TypeScript app type-checks (strict, skipLibCheck off)',
    async check(dir) {
      await run(dir, process.execPath, [tsc, '-p', 'typescript']);
      return [];
    },
  },
  ...viteSetups('Vite 8', (dir) => [bin(dir, 'vite')]),
  ...viteSetups('Vite 7', (dir) => [
    join(dir, 'node_modules', 'vite7', 'bin', 'vite.js'),
    '--config',
    'vite7.config.js',
  ]),
  {
    name: 'webpack build + static server',
    async serve(dir) {
      const log = await run(dir, bin(dir, 'webpack'), ['--mode', 'production']);
      return { log, ...(await staticServer(join(dir, 'dist-webpack'))) };
    },
  },
  {
    name: 'webpack dev server',
    async serve(dir) {
      const port = await freePort();
      const args = [
        'serve',
        '--mode',
        'development',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ];
      return startServer(dir, bin(dir, 'webpack'), args, `http://127.0.0.1:${port}/`);
    },
  },
  {
    name: 'CDN on another origin',
    async serve(dir) {
      const cdn = await staticServer(join(dir, 'node_modules', 'digit-pad'));
      const site = await staticServer(join(dir, 'cdn'), { cdn: cdn.url });
      return { url: `${site.url}/`, stop: () => Promise.all([site.stop(), cdn.stop()]) };
    },
  },
  {
    name: 'no bundler, import map',
    async serve(dir) {
      const site = await staticServer(dir);
      return { url: `${site.url}/plain/`, stop: site.stop };
    },
  },
];

/**
 * build + preview, and the dev server (`--force`: the dependency optimiser runs afresh).
 * `vite(dir)` is the command and its leading arguments.
 */
function viteSetups(label, vite) {
  const serve = async (dir, args) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const [cmd, ...first] = vite(dir);
    const all = [...first, ...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'];
    return startServer(dir, cmd, all, url);
  };
  return [
    {
      name: `${label} build + preview`,
      async serve(dir) {
        const [cmd, ...first] = vite(dir);
        const log = await run(dir, cmd, [...first, 'build']);
        return { log, ...(await serve(dir, ['preview'])) };
      },
    },
    { name: `${label} dev`, serve: (dir) => serve(dir, ['--force']) },
  ];
}

const { values: options, positionals } = parseArgs({
  options: { only: { type: 'string', default: '' }, 'tools-only': { type: 'boolean' } },
  allowPositionals: true,
});
const started = Date.now();
const dir = await prepareTools();
console.log(`bundlers installed in ${dir} (${seconds(started)} s)`);
if (options['tools-only']) process.exit(0);
const tarball = resolve(positionals[0] ?? pack());
await installLibrary(dir, tarball);
const installed = execFileSync('du', ['-sk', join(dir, 'node_modules', 'digit-pad')], {
  encoding: 'utf8',
}).split('\t')[0];
console.log(
  `${tarball} installed: digit-pad takes ${(installed / 1024).toFixed(1)} MB in node_modules`,
);

const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
  defaultViewport: { width: 800, height: 900, deviceScaleFactor: 1 },
});
const totals = { passed: 0, failed: 0, skipped: 0 };
try {
  for (const setup of SETUPS.filter((s) => s.name.includes(options.only))) {
    const t0 = Date.now();
    let problems;
    let server = null;
    try {
      if (setup.check) problems = await setup.check(dir);
      else {
        server = await setup.serve(dir);
        const log = (server.log ?? '').split('\n');
        problems = [
          ...(await checkPage(browser, server.url)),
          ...log.filter((line) => /warn|\(!\)/i.test(line)).map((line) => `build: ${line}`),
        ];
      }
    } catch (error) {
      problems = [String(error?.message ?? error)];
    } finally {
      await server?.stop();
    }
    const ok = problems.length === 0;
    totals[ok ? 'passed' : 'failed']++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${setup.name} (${seconds(t0)} s)`);
    for (const problem of problems) console.log(`     ${problem.replaceAll('\n', '\n     ')}`);
  }
} finally {
  await browser.close();
}
console.log(`${totals.passed} passed, ${totals.failed} failed (${seconds(started)} s)`);
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/consumers.json', JSON.stringify(totals));
process.exit(totals.failed > 0 ? 1 : 0);

function pack() {
  const out = mkdtempSync(join(tmpdir(), 'digit-pad-pack-'));
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { encoding: 'utf8' }),
  );
  return join(out, filename);
}

function seconds(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}
