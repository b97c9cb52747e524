import { defineConfig } from 'vite';

export default defineConfig({
  root: 'app',
  build: { outDir: '../dist-vite', emptyOutDir: true },
});
