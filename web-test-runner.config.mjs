import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import {
  chromiumArgs,
  chromiumPath,
  slowMiddleware,
  sourceTreeMiddleware,
} from './test/support/dev-server.mjs';
import { inputCommandsPlugin } from './test/support/input-commands.mjs';
import { isolationCommandPlugin } from './test/support/isolation-command.mjs';
import { countingReporter } from './test/support/counting-reporter.mjs';
import { staticHeaders } from './scripts/static-headers.mjs';
import { defaultReporter } from '@web/test-runner';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
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
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  // Two cores: one test file at a time keeps timing-sensitive pipelines (workers, wasm) honest.
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  reporters: [defaultReporter(), countingReporter()],
};
