/**
 * URLs of files that ship beside the bundle. These paths describe the `dist/` layout, where this
 * module is bundled into a file at the root of `dist/`; the dev server maps them onto the source
 * tree (see web-dev-server.config.mjs).
 */
export const workerUrl = (): URL => new URL('./workers/inference.worker.js', import.meta.url);

export const bundledModelsBase = (): URL => new URL('./models/', import.meta.url);
