// Serves the built dist/ (library, worker, wasm, models and the dashboard) on localhost.
import { startDevServer } from '@web/dev-server';

const port = Number(process.env.PORT ?? 8000);
const server = await startDevServer({
  config: {
    rootDir: 'dist',
    port,
    middleware: [
      (ctx, next) => {
        if (ctx.path === '/') ctx.redirect('/demo/');
        return next();
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const { port: actual } = server.config;
console.log(`digit-pad dashboard: http://localhost:${actual}/demo/  (Ctrl+C to stop)`);
