// Lays out what the benchmarks serve, under bench/out/site/:
//   dist/    a copy of the built dist/ taken at the start of the run, so a rebuild by someone
//            else during the run cannot change what is measured;
//   pages/   the bench pages (bench/pages/);
//   build/   bench-only bundles made here with the project's own rollup plugins: the main-thread
//            baseline, the runtime-floor worker, and the product's worker with onnxruntime-web
//            left external (only to weigh it).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const plugins = (outDir) => [
  resolve({ browser: true }),
  typescript({
    tsconfig: repo('tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      declaration: false,
      sourceMap: false,
      rootDir: repo('.'),
      outDir,
    },
    include: [repo('src/**/*.ts')],
    noEmitOnError: false,
  }),
  terser(),
];

async function bundle(site, input, file, external = []) {
  const outDir = `${site}/build`;
  const build = await rollup({
    input: repo(input),
    external,
    plugins: plugins(outDir),
    onwarn: (warning, warn) => warning.code !== 'EVAL' && warn(warning),
  });
  await build.write({ file: `${outDir}/${file}`, format: 'es', inlineDynamicImports: true });
  await build.close();
}

/** Latest modification time of anything under `dir`. */
function newest(dir) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Waits (up to 3 min) until `dist` holds a build untouched for 5 s; returns its newest mtime. */
async function stableBuild(dist) {
  const complete = () =>
    existsSync(`${dist}/digit-pad.js`) && existsSync(`${dist}/workers/inference.worker.js`);
  for (let waited = 0; waited < 180; waited++) {
    try {
      const latest = newest(dist);
      if (complete() && Date.now() - latest > 5000) return latest;
    } catch {
      // a file vanished while we looked: a build is under way
    }
    await sleep(1000);
  }
  throw new Error(`${dist} holds no finished build: run \`npm run build\` first.`);
}

/**
 * Copies dist/ and the pages into bench/out/<name>/ and, with `bundles`, builds the bench
 * bundles. Returns the folder to serve.
 */
export async function prepareSite({ dist = repo('dist'), name = 'site', bundles = true } = {}) {
  const site = repo(`bench/out/${name}`);
  // Others may rebuild dist/ at any time: copy it only once it has been still for a while, and
  // copy again if it changed meanwhile.
  for (let attempt = 0; ; attempt++) {
    const before = await stableBuild(dist);
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    try {
      cpSync(dist, `${site}/dist`, { recursive: true });
      if (newest(dist) === before) break;
    } catch {
      // a file vanished while we copied: a build is under way
    }
    if (attempt === 5) throw new Error(`${dist} keeps changing; try again later.`);
  }
  cpSync(repo('bench/pages'), `${site}/pages`, { recursive: true });
  if (bundles) {
    await bundle(site, 'bench/src/main-thread-baseline.js', 'main-thread-baseline.js');
    await bundle(site, 'bench/src/runtime-floor.worker.js', 'runtime-floor.worker.js');
    await bundle(site, 'src/workers/inference.worker.ts', 'inference.worker.no-ort.js', [
      /^onnxruntime-web/,
    ]);
  }
  return site;
}
