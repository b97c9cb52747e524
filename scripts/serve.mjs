// `npm start`: serves the built dashboard and prints its address. PORT picks the port (8000).
import { createServer } from 'node:net';
import { startDistServer } from './dist-server.mjs';

const port = Number(process.env.PORT ?? 8000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number (0–65535).`);
  process.exit(1);
}

// The dev server reports a taken port as an uncaught exception with a stack trace, and then
// hangs; trying the port first gives a plain answer instead.
const problem = await new Promise((resolve) => {
  const probe = createServer();
  probe.once('error', (error) => resolve(error.code ?? String(error)));
  probe.listen(port, () => probe.close(() => resolve(null)));
});
if (problem) {
  const why = problem === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${problem})`;
  console.error(
    `Cannot serve the dashboard: port ${port} ${why}. Stop what runs there, or pick another ` +
      `port: PORT=${port === 8080 ? 8081 : 8080} npm start`,
  );
  process.exit(1);
}

const { url } = await startDistServer(port);
console.log(`digit-pad dashboard: ${url}/demo/  (Ctrl+C to stop)`);
