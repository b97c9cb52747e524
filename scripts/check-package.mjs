// `npm test`'s package stage: packs the built dist/ once (test-results/digit-pad.tgz, which the
// consumer tests install) and checks the package as a user would receive it. Each check prints
// ok or FAIL; the counts go to test-results/package.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { unreachableTypes } from './lib/types.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
mkdirSync('test-results', { recursive: true });
const tarball = 'test-results/digit-pad.tgz';

// --ignore-scripts: the build stage has just built dist/; prepack would build it again.
const [packed] = JSON.parse(
  execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', 'test-results'],
    { encoding: 'utf8' },
  ),
);
renameSync(join('test-results', packed.filename), tarball);
const files = packed.files.map((f) => f.path);
console.log(
  `${tarball}: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked, ${files.length} files`,
);

const checks = {
  'publint --strict finds nothing on the tarball': () => {
    const run = spawnSync('npx', ['publint', 'run', tarball, '--strict'], { encoding: 'utf8' });
    return run.status === 0 ? [] : [run.stdout + run.stderr];
  },

  'prepack builds, so a clean clone packs a working package': () =>
    pkg.scripts.prepack === 'npm run build' ? [] : [`prepack is ${pkg.scripts.prepack}`],

  'the tarball holds only the library, its types, models, manifest and README': () =>
    files.filter(
      (f) =>
        !/^dist\/(?!demo\/)[^/]+\.js(\.map)?$/.test(f) &&
        !/^dist\/workers\/(inference\.worker\.js(\.map)?|ort-wasm-simd-threaded\.wasm)$/.test(f) &&
        !/^dist\/models\/(mlp|cnn)(\.int8)?\.onnx$/.test(f) &&
        !/^dist\/types\/.+\.d\.ts$/.test(f) &&
        !['package.json', 'README.md', 'custom-elements.json'].includes(f),
    ),

  'every declaration file is reachable from an export': () => unreachableTypes(pkg),

  'every source map points at real files and embeds their text': () =>
    files.filter((f) => f.endsWith('.map')).flatMap(checkSourceMap),

  // lit and onnxruntime-web are bundled, so the library runs from a CDN or a plain page with
  // no import map; the public types extend lit's, so TypeScript users need lit's declarations.
  'dist/*.js imports no package': () =>
    files
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => packagesImported(f).map((name) => `${f} imports ${name}`)),

  'dependencies are exactly the packages the declaration files import': () => {
    const imported = new Set(files.filter((f) => f.endsWith('.d.ts')).flatMap(packagesImported));
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
    return [
      ...[...imported].filter((name) => !declared.has(name)).map((n) => `${n} is not declared`),
      ...[...declared].filter((name) => !imported.has(name)).map((n) => `${n} is not imported`),
    ];
  },

  'engines.node is a range every locked tool supports': () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    return Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.optional && p.engines?.node)
      .filter(([, p]) => !semver.subset(pkg.engines.node, p.engines.node))
      .map(([path, p]) => `${path} wants node ${p.engines.node}`);
  },
};

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [name, check] of Object.entries(checks)) {
  const problems = check();
  totals[problems.length ? 'failed' : 'passed']++;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const problem of problems) console.log(`     ${problem.trim().replaceAll('\n', '\n     ')}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
writeFileSync('test-results/package.json', JSON.stringify(totals));
process.exit(totals.failed ? 1 : 0);

/** Sources must resolve, from the map's folder, to files of this repository. */
function checkSourceMap(file) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const problems = [];
  map.sources.forEach((source, i) => {
    const path = resolve(dirname(file), map.sourceRoot ?? '', source);
    if (!existsSync(path)) problems.push(`${file}: ${source} does not exist`);
    if (typeof map.sourcesContent?.[i] !== 'string')
      problems.push(`${file}: no embedded text for ${source}`);
  });
  return problems;
}

/** The packages a module imports (its bare specifiers, reduced to package names). */
function packagesImported(file) {
  const code = readFileSync(file, 'utf8');
  // Not inside a name or string: `"copy-from"`, `"import"` or `x.import` are no imports.
  const pattern = /(?<![\w$."'`-])(?:from|import)\s*\(?\s*(?:\/\*[^*]*\*\/\s*)*(["'])([^"']+)\1/g;
  return [...code.matchAll(pattern)]
    .map((m) => m[2])
    .filter((spec) => !/^(\.{0,2}\/|https?:)/.test(spec))
    .map((spec) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
