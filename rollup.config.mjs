import { readFileSync, readdirSync, existsSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { modulePreload } from './scripts/rollup-modulepreload.mjs';
import { precompress } from './scripts/rollup-precompress.mjs';

const production = !process.env.ROLLUP_WATCH;

// No outDir: TypeScript then writes each map as if its output sat beside its source, which is
// where Rollup resolves the map's paths from; with an outDir they came out one level too deep.
const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, inlineSources: true },
    include: ['src/**/*.ts', 'demo/**/*.ts'],
  });

/** Emits files that ship beside the bundles: the ORT wasm binary, the models, the demo page. */
function copy(files) {
  return {
    name: 'digit-pad-copy',
    generateBundle() {
      for (const [from, to] of files()) {
        this.emitFile({ type: 'asset', fileName: to, source: readFileSync(from) });
      }
    },
  };
}

/**
 * onnxruntime-web finds its own files from `import.meta.url`, in patterns that consumers'
 * bundlers rewrite: webpack turns it into a `file:` URL, and ORT then asks webpack for an
 * unshipped `ort.wasm.bundle.min.mjs`. Inside the worker bundle ORT's `import.meta.url` becomes
 * the worker's own location instead; the worker names the wasm file itself (wasm-location.ts).
 * A blob-bootstrapped worker's location is then same-origin, so ORT keeps its embedded module.
 */
const ortLocation = {
  name: 'digit-pad-ort-location',
  resolveImportMeta: (property, { moduleId }) =>
    property === 'url' && moduleId.includes('/node_modules/onnxruntime-web/')
      ? 'self.location.href'
      : null,
};

const models = () =>
  existsSync('models')
    ? readdirSync('models')
        .filter((f) => f.endsWith('.onnx'))
        .map((f) => [`models/${f}`, `models/${f}`])
    : [];

const plugins = (...extra) => [
  resolve({ browser: true }),
  ts(),
  // Bundler hints stay: without them webpack warns about ORT's dynamic import() of a URL.
  production && terser({ format: { comments: /webpackIgnore|@vite-ignore/ } }),
  ...extra,
  production && precompress(),
];

export default [
  {
    input: {
      index: 'src/index.ts',
      'digit-pad': 'src/components/digit-pad/define.ts',
      'prob-chart': 'src/components/prob-chart/define.ts',
    },
    // Chunks stay at the root of dist/ so import.meta.url-relative asset URLs hold in every chunk.
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      chunkFileNames: '[name]-[hash].js',
      manualChunks: (id) => (/node_modules\/(lit|@lit)/.test(id) ? 'lit' : 'shared'),
    },
    plugins: plugins(copy(models)),
  },
  {
    input: 'src/workers/inference.worker.ts',
    output: {
      dir: 'dist/workers',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'inference.worker.js',
      inlineDynamicImports: true,
    },
    plugins: plugins(
      ortLocation,
      copy(() => [
        [
          'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm',
          'ort-wasm-simd-threaded.wasm',
        ],
      ]),
    ),
  },
  {
    input: 'demo/dashboard.ts',
    external: ['digit-pad'],
    output: {
      dir: 'dist/demo',
      format: 'es',
      sourcemap: true,
      paths: { 'digit-pad': '../index.js' },
    },
    plugins: plugins(
      copy(() => [
        ['demo/index.html', 'index.html'],
        ['demo/dashboard.css', 'dashboard.css'],
        ['demo/strict-csp.html', 'strict-csp.html'],
      ]),
      modulePreload({ dir: 'dist/demo' }),
    ),
  },
];
