// Vite 7's dependency optimiser (esbuild) moves the library into node_modules/.vite/deps,
// where the worker it names beside itself does not exist; Vite 8's optimiser keeps the link.
import base from './vite.config.js';

export default { ...base, optimizeDeps: { exclude: ['digit-pad'] } };
