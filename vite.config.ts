import { defineConfig, type Plugin } from 'vite';
import { demoPages, swatchCss } from './demo/pages.ts';
import { minifyTemplates } from './scripts/minify-templates.ts';

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
  plugins: [demoShopPages(), minifyTemplates()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    // Library mode: no module-preload helper is injected into the loader.
    // The demo shop's own script (its "Browse as" control) is a second entry; it shares nothing with the widget.
    lib: {
      entry: { widget: 'widget/src/loader.ts', 'demo-shop': 'demo/browse-as.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // The loader keeps a stable name (it is in every shop's HTML); lazy chunks are content-hashed.
      output: {
        chunkFileNames: 'widget/[name]-[hash:6].js',
        minify: true,
      },
      preserveEntrySignatures: false,
    },
  },
});
