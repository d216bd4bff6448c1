import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { noDynamicCode } from './build/no-dynamic-code.ts';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  // manifest.json is the extension's source of truth, with source paths that crxjs rewrites to
  // the built files; the Firefox manifest is derived from the built one (scripts/package-lib.ts).
  // Least privilege: no install-time host access; the popup asks for optional_host_permissions
  // at runtime, and activeTab lets it read the current tab's URL to offer that site too
  // (Chromium reports a request to webRequest only when both the URL and its initiator are granted).
  plugins: [noDynamicCode(), preact(), crx({ manifest: manifest as ManifestV3Export })],
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
