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

const store = createPanelStore({ createEngine, decodeLarge: createWorkerDecoder() });
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
