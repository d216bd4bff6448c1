import { render } from 'preact';
import { z } from 'zod';
import { createEngine } from '../core/engine.ts';
import { request } from '../core/messages.ts';
import { createBrowserPlatform, createDevtoolsApi } from '../platform/browser.ts';
import { App } from './App.tsx';
import { startCapture } from './capture.ts';
import { copyText, download } from './dom.ts';
import { createJobs } from './jobs.ts';
import { createOpenApiCompiler } from './openapi-client.ts';
import { bindSettings } from './settings.ts';
import { browserScheduler } from './slices.ts';
import { createPanelStore } from './store.ts';
import { followTheme } from './theme.ts';
import { createWorkerClient } from './worker/client.ts';

z.config({ jitless: true }); // extension pages forbid new Function (TOOLCHAIN.md)

const platform = createBrowserPlatform();
const devtools = createDevtoolsApi();
followTheme(document.documentElement, devtools);

// Firefox reports network events only once its Network panel has been opened (TOOLCHAIN.md).
const FIREFOX_HINT =
  'In Firefox, open the Network panel once: DevTools reports requests to extensions only after that.';
const worker = createWorkerClient();
const store = createPanelStore(
  { createEngine, decodeLarge: worker.decode, scheduler: browserScheduler },
  { emptyHint: navigator.userAgent.includes('Firefox/') ? FIREFOX_HINT : undefined },
);
startCapture(store, devtools, {
  onSubscribed: () => {
    document.body.dataset.ready = '1';
  },
  // Tests wait for 0: every body answered or given up, every navigation's recovery done.
  // Written when it crosses 0 only (a count above 0 may be stale): two attribute writes per
  // request were ~2% of the panel's busy time in a burst (CPU profile); tests read 0 or not 0.
  onPending: (n) => {
    const shown = document.body.dataset.capturePending;
    if (shown === undefined || (n === 0) !== (shown === '0'))
      document.body.dataset.capturePending = String(n);
  },
  // Tests wait for it to pass a count: that many navigations handled (rows kept, recovery run).
  onNavigationHandled: (n) => {
    document.body.dataset.navigationsHandled = String(n);
  },
  observed: (since, until) =>
    request(platform.messaging.send, 'observed:get', { tabId: devtools.tabId, since, until }),
});
// Tests wait on these: every request the live session has received (evicted ones included), and
// of those the API calls (no preflights, no page assets), which a page can count on its side;
// and the version counted, which the list (rendered at its own pace) has reached when its
// `data-version` has.
// Counted again only when the rows changed (`version`), at most every 100 ms: counting on every
// request made a 50,000-row live session quadratic.
let countedVersion = -1;
let counting = false;
const countLive = () => {
  counting = false;
  const live = store.getState().sessions.find((s) => s.kind === 'live');
  if (!live || live.version === countedVersion) return;
  countedVersion = live.version;
  let api = 0;
  for (const row of live.rows) if (row.api) api++;
  document.body.dataset.liveRows = String(live.rows.length + live.evicted);
  document.body.dataset.liveApiRows = String(api + live.evicted);
  document.body.dataset.liveVersion = String(live.version);
};
store.subscribe(() => {
  if (counting) return;
  counting = true;
  setTimeout(countLive, 100);
});
const jobs = createJobs({
  store,
  client: worker,
  createEngine,
  scheduler: browserScheduler,
  // Tests and the bench wait on it: a re-annotation runs one session after another.
  onReannotating: (busy) => {
    if (busy) document.body.dataset.reannotating = '1';
    else delete document.body.dataset.reannotating;
  },
});
// Before the stored profiles load: rows captured meanwhile are re-annotated with them.
jobs.watchProfiles();
void bindSettings(store, platform.storage.local);

render(
  <App
    env={{
      store,
      storage: platform.storage.local,
      clock: platform.clock,
      copy: copyText,
      download,
      jobs,
      formatBody: worker.format,
      compileOpenApi: createOpenApiCompiler(),
    }}
  />,
  document.getElementById('app')!,
);
