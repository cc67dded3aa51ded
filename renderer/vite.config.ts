// The renderer is built to dist/renderer with relative URLs, so it loads the same from Electron and the lab host.
// It imports one file from outside its folder: the API contract (electron/common/api/contract.ts, types and zod).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  esbuild: { jsx: 'automatic' },
  server: { fs: { allow: ['..'] } },
});
