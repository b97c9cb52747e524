import { esbuildPlugin } from '@web/dev-server-esbuild';
import { slowMiddleware, sourceTreeMiddleware } from './test/support/dev-server.mjs';
import { launcherFor } from './test/support/engines.mjs';
import { inputCommandsPlugin } from './test/support/input/commands.mjs';
import { isolationCommandPlugin } from './test/support/isolation-command.mjs';
import { countingReporter } from './test/support/counting-reporter.mjs';
import { staticHeaders } from './scripts/static-headers.mjs';
import { defaultReporter } from '@web/test-runner';

// One engine per run (scripts/test.mjs runs each): ENGINE=chromium|firefox|webkit.
const engine = process.env.ENGINE ?? 'chromium';
const SETTINGS = 'test/user-settings.test.ts';
// WTR_FILES=a,b runs only those files (scripts/test.mjs reruns a file whose browser went away);
// WTR_COUNTS names the counting reporter's output for such a run.
const only = process.env.WTR_FILES?.split(',').filter(Boolean);
const counts = process.env.WTR_COUNTS ?? `test-results/browser-${engine}.json`;

export default {
  files: only ? only.filter((file) => file !== SETTINGS) : ['test/**/*.test.ts', `!${SETTINGS}`],
  nodeResolve: true,
  rootDir: '.',
  // scripts/test.mjs hands each engine's runner its own port: two runners started together
  // would otherwise both find 8000 free, and one fails to listen.
  port: process.env.WTR_PORT ? Number(process.env.WTR_PORT) : undefined,
  middleware: [
    slowMiddleware,
    sourceTreeMiddleware,
    staticHeaders({ root: 'dist', urlPrefix: '/dist/' }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    inputCommandsPlugin(),
    isolationCommandPlugin(),
  ],
  browsers: [launcherFor(engine)],
  // A second browser of the same engine, launched like a user's device (test/README.md).
  groups:
    only && !only.includes(SETTINGS)
      ? []
      : [
          {
            name: 'user-settings',
            files: [SETTINGS],
            browsers: [launcherFor(engine, { userSettings: true })],
          },
        ],
  // Two cores: one test file at a time keeps timing-sensitive pipelines (workers, wasm) honest.
  concurrency: 1,
  // GREP=<text> runs only the tests whose full title contains it (mocha's grep), for development.
  testFramework: { config: { timeout: 30000, grep: process.env.GREP } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  reporters: [defaultReporter(), countingReporter(counts)],
};
