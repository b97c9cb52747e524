// A static server for the built dist/ on localhost: the library, worker, wasm, models and demo.
import { startDevServer } from '@web/dev-server';
import { staticHeaders } from './static-headers.mjs';

export async function startDistServer(port = 8000) {
  const server = await startDevServer({
    config: {
      rootDir: 'dist',
      port,
      middleware: [
        (ctx, next) => {
          if (ctx.path === '/') ctx.redirect('/demo/');
          return next();
        },
        staticHeaders({ root: 'dist' }),
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const { port: actual } = server.server?.address() ?? { port };
  return { server, url: `http://localhost:${actual}` };
}
