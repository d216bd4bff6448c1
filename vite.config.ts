import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
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
