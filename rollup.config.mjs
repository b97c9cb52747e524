import { readFileSync, readdirSync, existsSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { modulePreload } from './scripts/rollup-modulepreload.mjs';
import { precompress } from './scripts/rollup-precompress.mjs';

const production = !process.env.ROLLUP_WATCH;

const ts = (outDir) =>
  typescript({
    tsconfig: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, outDir },
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

const models = () =>
  existsSync('models')
    ? readdirSync('models')
        .filter((f) => f.endsWith('.onnx') || f === 'metrics.json')
        .map((f) => [`models/${f}`, `models/${f}`])
    : [];

const plugins = (outDir, ...extra) => [
  resolve({ browser: true }),
  ts(outDir),
  production && terser(),
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
    plugins: plugins('dist', copy(models)),
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
      'dist/workers',
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
      'dist/demo',
      copy(() => [
        ['demo/index.html', 'index.html'],
        ['demo/strict-csp.html', 'strict-csp.html'],
      ]),
      modulePreload({ dir: 'dist/demo' }),
    ),
  },
];
