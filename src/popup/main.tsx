import { render } from 'preact';
import { z } from 'zod';
import { createBrowserPlatform } from '../platform/browser.ts';
import { App } from './App.tsx';
import type { PopupEnv } from './env.ts';
import './popup.css';

z.config({ jitless: true }); // extension pages forbid new Function (TOOLCHAIN.md)

/** `?tab=<id>` shows another tab's summary (a popup opened as a page; the e2e tests use it). */
function tabFromQuery(): number | undefined {
  const raw = new URLSearchParams(location.search).get('tab');
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

async function start() {
  const platform = createBrowserPlatform();
  const fromQuery = tabFromQuery();
  const tabId = fromQuery ?? (await platform.tabs.activeTabId());
  const tabUrl = fromQuery === undefined ? await platform.tabs.activeTabUrl() : undefined;
  const env: PopupEnv = {
    tabId,
    ...(tabUrl ? { tabUrl } : {}),
    send: platform.messaging.send,
    permissions: platform.permissions,
    clock: platform.clock,
    tick(fn, ms) {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
    copy: (text) => navigator.clipboard.writeText(text),
    download(filename, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
  render(<App env={env} />, document.getElementById('app')!);
}

void start();
