import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { noDynamicCode } from './build/no-dynamic-code.ts';
import manifest from './manifest.config.ts';

export default defineConfig({
  plugins: [noDynamicCode(), preact(), crx({ manifest })],
  // Workers are bundled by their own pipeline: the same rewrites apply there.
  worker: { format: 'es', plugins: () => [noDynamicCode()] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The panel page is only referenced from code (chrome.devtools.panels.create), so it
    // must be an explicit input or it is not built (TOOLCHAIN.md).
    rolldownOptions: { input: { panel: 'src/devtools/panel.html' } },
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
