// Read by Vite 8 and Vite 7 alike, so it is a plain object rather than defineConfig from one.
export default {
  root: 'app',
  build: { outDir: '../dist-vite', emptyOutDir: true },
};
