import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { BUILTIN_HOST_PATTERNS } from './src/core/profiles/hosts.ts';

/**
 * Least privilege: no install-time host access. The DevTools panel needs none (it reads
 * traffic through chrome.devtools.network); the background's webRequest observer only sees
 * hosts the user grants at runtime from the popup (optional_host_permissions).
 */
export default defineManifest({
  manifest_version: 3,
  name: 'API Lens',
  description: pkg.description,
  version: pkg.version,
  icons: {
    16: 'icons/icon-16.png',
    32: 'icons/icon-32.png',
    48: 'icons/icon-48.png',
    128: 'icons/icon-128.png',
  },
  action: {
    default_popup: 'src/popup/index.html',
    default_title: 'API Lens',
    default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' },
  },
  devtools_page: 'src/devtools/devtools.html',
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  // activeTab (no install warning): the popup may read the current tab's URL, to offer access to
  // that page too; Chromium reports a request to webRequest only when the extension may access
  // both its URL and its initiator (seen in e2e: API hosts alone report nothing).
  permissions: ['webRequest', 'storage', 'activeTab'],
  optional_host_permissions: [...BUILTIN_HOST_PATTERNS, 'https://*/*', 'http://*/*'],
  minimum_chrome_version: '116',
});
