import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './index.ts';
import { call } from './test-client.ts';

/**
 * The demo page's scenarios, run from demo.js itself against the real server: a page stand-in
 * gives the script its DOM, `location` and a `fetch` that sends each absolute URL to the server
 * with the URL's host in Host (what --host-resolver-rules does in Chromium). The statuses below
 * are the counts the e2e specs rely on.
 */

let server: FixtureServer;
beforeAll(async () => {
  // A frozen clock: a whole scenario falls inside one rate-limit window.
  server = await startFixtureServer({ port: 0, clock: () => Date.UTC(2026, 0, 1) });
});
afterAll(() => server.close());

interface Sent {
  method: string;
  host: string;
  path: string;
  status: number;
}

/** Loads demo.js into a fresh page stand-in; `click(name)` plays a scenario to its end. */
async function openDemo(search = '') {
  const html = (await call(server.port, `demo.apilens.test:${server.port}`, 'GET', '/')).text;
  const script = (await call(server.port, `demo.apilens.test:${server.port}`, 'GET', '/demo.js'))
    .text;
  const names = [...html.matchAll(/data-scenario="([^"]+)"/g)].map((m) => m[1]!);
  const listeners = new Map<string, () => Promise<void>>();
  const buttons = names.map((name) => ({
    dataset: { scenario: name },
    addEventListener: (_type: string, fn: () => Promise<void>) => listeners.set(name, fn),
  }));
  const log = { textContent: '' };
  const body = { dataset: {} as Record<string, string> };
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const page = {
    location: { port: String(server.port), search },
    URLSearchParams,
    document: {
      body,
      getElementById: (id: string) => (id === 'log' ? log : null),
      querySelectorAll: (sel: string) => (sel === '[data-scenario]' ? buttons : []),
    },
    // The 1 s polling pauses are recorded, not waited for.
    setTimeout: (fn: () => void, ms: number) => {
      sleeps.push(ms);
      return setImmediate(fn);
    },
    async fetch(
      url: string,
      init: { method: string; headers: Record<string, string>; body?: string },
    ) {
      const u = new URL(url);
      const r = await call(server.port, u.host, init.method, u.pathname + u.search, init);
      sent.push({ method: init.method, host: u.hostname, path: u.pathname, status: r.status });
      return { status: r.status, text: async () => r.text };
    },
  };
  runInNewContext(script, page);
  return {
    names,
    log,
    body,
    sent,
    sleeps,
    async click(name: string) {
      const from = sent.length;
      await listeners.get(name)?.();
      return sent.slice(from);
    },
  };
}

const statuses = (sent: Sent[]) => sent.map((s) => s.status);
const times = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

/** What each scenario sends, in order, on a fresh server. */
const EXPECTED: Record<string, { hosts: string[]; statuses: number[] }> = {
  'aurora-burst': {
    hosts: ['api.aurorasolar.com'],
    statuses: [...times(90, 200), ...times(5, 429)],
  },
  'aurora-errors': {
    hosts: ['api.aurorasolar.com'],
    statuses: [404, 422, 422, 422, 409, 405, 401, 403],
  },
  polling: { hosts: ['api.aurorasolar.com'], statuses: times(6, 200) },
  'aura-create-500': { hosts: ['api.neo4j.io'], statuses: [500, 200] },
  'aura-v1beta3': { hosts: ['api.neo4j.io'], statuses: [200] },
  'aura-errors': { hosts: ['api.neo4j.io'], statuses: [404, 401, 400, 403] },
  'evrythng-bad-content-type': { hosts: ['api.evrythng.com'], statuses: [415] },
  'evrythng-errors': {
    hosts: ['api.evrythng.com', 'api.eu.evrythng.com'],
    statuses: [400, 404, 400, 409, 403, 405, 400, 401, 201, 202, 204],
  },
  'problem-validation': { hosts: ['hal.apilens.test'], statuses: [400] },
  'hal-success': { hosts: ['hal.apilens.test'], statuses: [200] },
  'hal-all': {
    hosts: ['hal.apilens.test'],
    statuses: [201, 200, 202, 204, 404, 422, 413, 501, 200, 403, 401, 405, 409, 429, 503],
  },
};

describe('demo page scenarios', () => {
  it('has a button for every scenario and "all", and marks each one done when it finishes', async () => {
    const demo = await openDemo();
    expect(demo.names).toEqual([...Object.keys(EXPECTED), 'all']);
    await demo.click('hal-success');
    expect(demo.body.dataset.done).toBe('hal-success');
    expect(demo.log.textContent).toMatch(/GET http:\/\/hal\.apilens\.test:\d+\/orders → 200/);
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name} sends ${want.statuses.length} requests with the documented statuses`, async () => {
      server.reset();
      const demo = await openDemo();
      const sent = await demo.click(name);
      expect(statuses(sent)).toEqual(want.statuses);
      expect([...new Set(sent.map((s) => s.host))].sort()).toEqual([...want.hosts].sort());
      expect(demo.body.dataset.done).toBe(name);
    });
  }

  it('plays the Aurora burst the same on every click (a fresh key each time)', async () => {
    server.reset();
    const demo = await openDemo();
    await demo.click('aurora-burst');
    expect(statuses(await demo.click('aurora-burst'))).toEqual(EXPECTED['aurora-burst']!.statuses);
  });

  it('polls once a second, as many times as ?polls= says (6 by default)', async () => {
    const byDefault = await openDemo();
    await byDefault.click('polling');
    expect(byDefault.sleeps).toEqual(times(5, 1000));
    const three = await openDemo('?polls=3');
    expect(statuses(await three.click('polling'))).toEqual(times(3, 200));
    expect(three.sleeps).toEqual(times(2, 1000));
  });

  it('"all" plays every scenario in button order', async () => {
    server.reset();
    const demo = await openDemo();
    const sent = await demo.click('all');
    expect(statuses(sent)).toEqual(Object.values(EXPECTED).flatMap((e) => e.statuses));
    expect(demo.body.dataset.done).toBe('all');
  });
});

it('demo.js only writes text into the page', () => {
  const script = readFileSync(join(import.meta.dirname, 'demo', 'demo.js'), 'utf8');
  expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});
