// The renderer is built to dist/renderer with relative URLs, so it loads the same from Electron and the lab host.
// It imports from outside its folder only through src/api/contract.ts: the API contract, the plan's and task's rules.
import { defineConfig } from 'vite';

/** Warnings that say nothing about this app: React Server Components' "use client" markers (meaningless in a
 *  client-only bundle) and comment placement inside zod. Everything else still prints. */
const NOISE = new Set(['MODULE_LEVEL_DIRECTIVE', 'INVALID_ANNOTATION', 'SOURCEMAP_ERROR']);

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // The plan's and the task's zod rules (re-exported by src/api/contract.ts) only build schemas: where nothing in a
      // chunk uses them, they are left out, so the setup forms' rules load with the setup screens, not before first paint.
      treeshake: { moduleSideEffects: (id) => !/[\\/]electron[\\/]common[\\/](plan|task)[\\/]/.test(id) },
      onwarn(warning, warn) {
        if (warning.code !== undefined && NOISE.has(warning.code)) return;
        warn(warning);
      },
    },
  },
  esbuild: { jsx: 'automatic' },
  server: { fs: { allow: ['..'] } },
});
