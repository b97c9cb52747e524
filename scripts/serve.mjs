// `npm start`: serves the built dashboard and prints its address.
import { startDistServer } from './dist-server.mjs';

const { url } = await startDistServer(Number(process.env.PORT ?? 8000));
console.log(`digit-pad dashboard: ${url}/demo/  (Ctrl+C to stop)`);
