import { defineConfig, type Plugin } from 'vite';
import { demoPages, swatchCss } from './demo/pages.ts';

/** Renders the demo shop's pages into the same assets directory as the widget. */
function demoShopPages(): Plugin {
  return {
    name: 'samen-demo-pages',
    apply: 'build',
    generateBundle() {
      for (const [fileName, source] of Object.entries(demoPages())) {
        this.emitFile({ type: 'asset', fileName, source });
      }
      this.emitFile({ type: 'asset', fileName: 'swatches.css', source: swatchCss() });
    },
  };
}

export default defineConfig({
  publicDir: 'demo/public',
  plugins: [demoShopPages()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    // Library mode: no module-preload helper is injected into the loader.
    lib: { entry: 'widget/src/loader.ts', formats: ['es'], fileName: () => 'widget.js' },
    rolldownOptions: {
      // The loader keeps a stable name (it is in every shop's HTML); lazy chunks are content-hashed.
      output: {
        chunkFileNames: 'widget/[name]-[hash].js',
        minify: true,
      },
      preserveEntrySignatures: false,
    },
  },
});
