import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.ts';

/**
 * The staff console page: widget/src/console/index.html → dist/console/ (served at /console/).
 * Runs after the widget build (scripts/build.ts), so it must not empty dist/. The page holds no
 * inline script or style: the HTML references the built module and stylesheet by URL, ready for
 * a `script-src 'self'` / `style-src 'self'` Content-Security-Policy.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./widget/src/console', import.meta.url)),
  base: '/console/',
  publicDir: false,
  plugins: [minifyTemplates()],
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    // The polyfill would be injected into the entry; every browser the console supports has modulepreload.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: { minify: true },
    },
  },
});
