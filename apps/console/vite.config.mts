// Builds the console (index.html plus hashed files under assets/) into dist/console, where the
// gateway serves it from. Everything is bundled: the page loads nothing from anywhere else.
import { join } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: join(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Every browser that runs ES modules preloads them; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
