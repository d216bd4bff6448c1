import { render } from 'preact';
import { z } from 'zod';
import { createEngine } from '../core/engine.ts';
import { createBrowserPlatform, createDevtoolsApi } from '../platform/browser.ts';
import { App } from './App.tsx';
import { startCapture } from './capture.ts';
import { createWorkerDecoder } from './decode-client.ts';
import { copyText, downloadText } from './dom.ts';
import { bindSettings } from './settings.ts';
import { createPanelStore } from './store.ts';
import { followTheme } from './theme.ts';

z.config({ jitless: true }); // extension pages forbid new Function (TOOLCHAIN.md)

const platform = createBrowserPlatform();
const devtools = createDevtoolsApi();
followTheme(document.documentElement, devtools);

// Firefox reports network events only once its Network panel has been opened (TOOLCHAIN.md).
const FIREFOX_HINT =
  'In Firefox, open the Network panel once: DevTools reports requests to extensions only after that.';
const store = createPanelStore(
  { createEngine, decodeLarge: createWorkerDecoder() },
  { emptyHint: navigator.userAgent.includes('Firefox/') ? FIREFOX_HINT : undefined },
);
startCapture(store, devtools, () => {
  document.body.dataset.ready = '1';
});
void bindSettings(store, platform.storage.local);

render(
  <App
    env={{
      store,
      storage: platform.storage.local,
      clock: platform.clock,
      copy: copyText,
      download: downloadText,
    }}
  />,
  document.getElementById('app')!,
);
