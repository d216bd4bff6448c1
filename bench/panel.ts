/**
 * Panel benchmark (issue 3 "Performance"): not a test, a report.
 * Run: `node --expose-gc --import tsx bench/panel.ts` (no build needed).
 *
 * 1. Ingest 20,000 finished requests through the real capture path (fake DevTools events →
 *    capture queue → core engine → store): entries/s, drops, and the ratio to JSON.parse of
 *    the same bodies measured in the same run.
 * 2. Time to first render of the panel (happy-dom) with 20,000 rows.
 * 3. Filter and scroll latency at 20,000 rows (state change + synchronous re-render), against
 *    a 60 Hz frame budget.
 * 4. Heap retained by the session, per entry and against the size of the HAR it holds.
 * The machines are shared and noisy: ratios travel, absolute times less so.
 */
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import type { Entry } from 'har-format';
import { h, options, render } from 'preact';
import { createEngine } from '../src/core/engine.ts';
import { App } from '../src/devtools/App.tsx';
import { startCapture } from '../src/devtools/capture.ts';
import { createPanelStore } from '../src/devtools/store.ts';
import { testEnv } from '../src/devtools/test-support.ts';
import { createFakeDevtools, createFakePlatform } from '../src/platform/fake.ts';
import { generateHar } from './generate.ts';

const N = Number(process.env.BENCH_PANEL_ENTRIES ?? 20_000);
const FRAME_MS = 1000 / 60;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

// A DOM for Preact; renders flush synchronously so each timing covers the whole update.
const win = new Window({ url: 'https://panel.test/', width: 1200, height: 800 });
Object.assign(globalThis, {
  window: win,
  document: win.document,
  HTMLElement: win.HTMLElement,
  Node: win.Node,
  Event: win.Event,
});
options.debounceRendering = (cb) => cb();

const har = generateHar(N, 7);
const entries: Entry[] = har.log.entries;
const harBytes = JSON.stringify(har).length;

function parseBodies(): void {
  for (const e of entries) {
    const t = e.response.content.text;
    if (t) {
      try {
        JSON.parse(t);
      } catch {
        // Non-JSON bodies cost nothing to the baseline, as in bench/index.ts.
      }
    }
  }
}

async function ingest() {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const dt = createFakeDevtools();
  const store = createPanelStore({ createEngine }, { maxEntries: N });
  startCapture(store, dt.api);
  const t = performance.now();
  for (const e of entries) dt.finish(e);
  // The capture queue has settled when rows stop arriving (all of them, unless some dropped).
  let last = -1;
  let still = 0;
  while (store.session().rows.length < N && still < 50) {
    await new Promise((r) => setTimeout(r, 10));
    const n = store.session().rows.length;
    still = n === last ? still + 1 : 0;
    last = n;
  }
  const elapsed = performance.now() - t;
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  return { store, elapsed, heap, dropped: N - store.session().rows.length };
}

/** The core alone: a fresh engine annotating every entry (what the CLI does per entry). */
function annotateOnly(): number {
  const engine = createEngine();
  const t = performance.now();
  for (const e of entries) engine.annotate(e);
  return performance.now() - t;
}

async function main() {
  const parse: number[] = [];
  const core: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    parseBodies();
    parse.push(performance.now() - t);
    core.push(annotateOnly());
  }
  const { store, elapsed, heap, dropped } = await ingest();
  const p = median(parse);
  const c = median(core);
  console.log(
    `Panel benchmark, ${N.toLocaleString('en')} requests (${(harBytes / 1e6).toFixed(1)} MB of HAR)`,
  );
  console.log(
    `ingest (capture → engine → store): ${ms(elapsed)}, ${(N / (elapsed / 1000)).toFixed(0)} entries/s, dropped ${dropped}`,
  );
  console.log(`JSON.parse of the same bodies:     ${ms(p)}`);
  console.log(`core annotate alone:               ${ms(c)}`);
  console.log(
    `ingest/parse: ${(elapsed / p).toFixed(2)}  ingest/annotate: ${(elapsed / c).toFixed(2)} (the panel's own overhead)`,
  );

  const root = win.document.createElement('div');
  win.document.body.append(root);
  const { env } = testEnv(store, createFakePlatform().platform.storage.local, () => Date.now());
  const app = () => render(h(App, { env }), root as unknown as Element);
  let t = performance.now();
  app();
  const first = performance.now() - t;
  const domRows = root.querySelectorAll('.row').length;
  console.log(
    `first render: ${ms(first)} (${domRows} rows in the DOM of ${store.visibleRows().length}); first/frame ${(first / FRAME_MS).toFixed(2)}`,
  );

  const filters = [
    'status-code:429',
    'domain:api.neo4j.io',
    'is:error -method:GET',
    '/designs\\/\\d+/',
    'timeout',
    '',
  ];
  const filterTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const f of filters) {
      t = performance.now();
      store.setFilter(f);
      app();
      filterTimes.push(performance.now() - t);
    }
  }
  // Baseline: the cheapest possible filter, one substring test per row, in the same run.
  const rows = store.session().rows;
  const base: number[] = [];
  for (let i = 0; i < 9; i++) {
    t = performance.now();
    rows.filter((r) => r.haystack.includes(filters[i % filters.length]!));
    base.push(performance.now() - t);
  }
  const fMed = median(filterTimes);
  const b = median(base);
  console.log(
    `filter (re-filter ${N.toLocaleString('en')} rows + render): median ${ms(fMed)}, max ${ms(Math.max(...filterTimes))}`,
  );
  console.log(
    `  one substring test per row (baseline): ${ms(b)}; filter/baseline ${(fMed / b).toFixed(2)}; filter/frame ${(fMed / FRAME_MS).toFixed(2)}`,
  );

  const body = root.querySelector('.list-body') as unknown as HTMLElement;
  const scrollTimes: number[] = [];
  for (let i = 1; i <= 50; i++) {
    const top = Math.floor((i / 50) * (N - 40)) * 22;
    Object.defineProperty(body, 'scrollTop', { value: top, configurable: true });
    t = performance.now();
    body.dispatchEvent(new win.Event('scroll') as unknown as Event);
    scrollTimes.push(performance.now() - t);
  }
  const sMed = median(scrollTimes);
  console.log(
    `scroll (jump + render the window): median ${ms(sMed)}, max ${ms(Math.max(...scrollTimes))}; scroll/frame ${(sMed / FRAME_MS).toFixed(2)}`,
  );
  // Bodies are the generator's strings, shared with the rows, so the heap delta leaves them out.
  const bodyBytes = entries.reduce((n, e) => n + (e.response.content.text?.length ?? 0), 0);
  console.log(
    `heap retained by the session: ${(heap / 1e6).toFixed(1)} MB without bodies (${(heap / N / 1024).toFixed(1)} KiB/entry) + ${(bodyBytes / 1e6).toFixed(1)} MB of body text; (heap+bodies)/HAR ${((heap + bodyBytes) / harBytes).toFixed(2)}`,
  );
  await win.happyDOM.close();
}

await main();
