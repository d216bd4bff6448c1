// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { Har } from 'har-format';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.ts';
import { annotateHar } from '../../core/har/annotate.ts';
import { parseHar } from '../../core/har/parse.ts';
import { GENERATOR } from '../../core/version.ts';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { createPanelStore } from '../store.ts';
import { BASE_TIME, harEntry, testEnv } from '../test-support.ts';
import { HarControls } from './Har.tsx';

afterEach(cleanup);

const KEY = 'sk_live_0123456789abcdef';

function setup() {
  const store = createPanelStore({ createEngine });
  // Two concurrent requests that finish out of order: the export must still count them in
  // start order, as the CLI does.
  const a = harEntry({
    url: 'https://api.aurorasolar.com/designs/1',
    status: 404,
    body: '{"error":"Design not found"}',
    at: BASE_TIME,
    requestHeaders: { Authorization: `Bearer ${KEY}` },
  });
  const b = harEntry({
    url: `https://api.aurorasolar.com/designs?api_key=${KEY}`,
    status: 200,
    body: '{}',
    at: BASE_TIME + 5,
    requestHeaders: { Authorization: `Bearer ${KEY}` },
  });
  for (const e of [b, a]) store.ingest(e, { text: e.response.content.text! }, 'captured');
  const t = testEnv(store, createFakePlatform().platform.storage.local);
  render(
    <EnvContext.Provider value={t.env}>
      <HarControls />
    </EnvContext.Provider>,
  );
  return {
    store,
    ...t,
    traffic: {
      log: { version: '1.2', creator: { ...GENERATOR }, entries: [b, a] },
    } as Har,
  };
}

const annotationsOf = (har: Har) =>
  har.log.entries.map((e) => (e as unknown as { _apiLens: unknown })._apiLens);

describe('HAR export and import', () => {
  it('exports redacted by default, equal to the CLI for the same traffic', async () => {
    const { downloads, traffic } = setup();
    await act(() => {
      fireEvent.click(screen.getByTestId('export-har'));
    });
    await waitFor(() => expect(downloads).toHaveLength(1));
    const [file] = downloads;
    expect(file!.name).toMatch(/^apilens-.*\.har$/);
    const text = await file!.text;
    expect(text).not.toContain(KEY);
    const har = JSON.parse(text) as Har;
    // Byte for byte what `apilens annotate` prints for the same traffic (cli/run.ts).
    expect(text).toBe(`${JSON.stringify(annotateHar(traffic, { redact: true }), null, 2)}\n`);
    expect(annotationsOf(har)).toEqual(annotationsOf(annotateHar(traffic, { redact: true })));
  });

  it('includes secrets only when asked, and says so in the file name', async () => {
    const { downloads } = setup();
    await act(() => {
      fireEvent.click(screen.getByTestId('export-secrets'));
    });
    await act(() => {
      fireEvent.click(screen.getByTestId('export-har'));
    });
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toContain('with-secrets');
    expect(await downloads[0]!.text).toContain(KEY);
  });

  it('exports only the filtered rows when asked', async () => {
    const { store, downloads } = setup();
    store.setFilter('status-code:404');
    await act(() => {
      fireEvent.change(screen.getByLabelText('Export scope'), { target: { value: 'filtered' } });
    });
    await act(() => {
      fireEvent.click(screen.getByTestId('export-har'));
    });
    await waitFor(() => expect(downloads).toHaveLength(1));
    const har = JSON.parse(await downloads[0]!.text) as Har;
    expect(har.log.entries.map((e) => e.response.status)).toEqual([404]);
  });

  it('names the file and the bad field of an invalid HAR, and opens a valid one as a session', async () => {
    const { store } = setup();
    const input = screen.getByTestId('import-har');
    const pick = (name: string, text: string) =>
      act(() => {
        fireEvent.change(input, { target: { files: [new File([text], name)] } });
      });
    await pick('bad.har', '{"log":{"entries":[42]}}');
    await waitFor(() =>
      expect(screen.getByTestId('import-error').textContent).toMatch(/^bad\.har: .*entries\[0\]/),
    );
    const good = JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'x', version: '1' },
        entries: [harEntry({ status: 500 })],
      },
    });
    await pick('good.har', good);
    await waitFor(() => expect(store.getState().activeId).not.toBe('live'));
    expect(store.session().name).toBe('good.har');
    expect(store.visibleRows().map((r) => r.status)).toEqual([500]);
  });

  describe('an imported session exported whole', () => {
    // What real writers put around and in their entries (fixtures/har/): log members, a page,
    // header values as arrays (Polly.JS), entries out of start order.
    const late = harEntry({ url: 'https://api.aurorasolar.com/designs/2', at: BASE_TIME + 50 });
    const early = harEntry({
      url: 'https://api.aurorasolar.com/designs/1',
      status: 404,
      at: BASE_TIME,
      requestHeaders: { Authorization: `Bearer ${KEY}` },
    });
    (early.request.headers[0] as unknown as { value: string[] }).value = [`Bearer ${KEY}`];
    const text = `\ufeff${JSON.stringify({
      log: {
        _recordingName: 'designs',
        version: '1.1',
        creator: { name: 'Polly.JS', version: '1.2.0', comment: 'persister:fs' },
        browser: { name: 'Firefox', version: '9.0a1' },
        pages: [
          { id: 'page_0', title: 'x', startedDateTime: late.startedDateTime, pageTimings: {} },
        ],
        entries: [late, early],
      },
    })}`;
    const cli = (redact: boolean) => {
      const parsed = parseHar(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return `${JSON.stringify(annotateHar(parsed.har, { redact }), null, 2)}\n`;
    };

    async function imported(file: Blob) {
      const t = setup();
      await act(() => {
        fireEvent.change(screen.getByTestId('import-har'), { target: { files: [file] } });
      });
      await waitFor(() => expect(t.store.session().name).toBe('designs.har'));
      return t;
    }
    const exportNow = () =>
      act(() => {
        fireEvent.click(screen.getByTestId('export-har'));
      });

    it('is its file as `apilens annotate` writes it: every member, bent value and the entry order kept', async () => {
      const { downloads } = await imported(new File([text], 'designs.har'));
      await exportNow();
      await waitFor(() => expect(downloads).toHaveLength(1));
      const out = await downloads[0]!.text;
      expect(out).toBe(cli(true));
      expect(out).not.toContain(KEY);
      const log = (JSON.parse(out) as Har).log as unknown as Record<string, unknown>;
      expect(Object.keys(log)).toEqual([
        '_recordingName',
        'version',
        'creator',
        'browser',
        'pages',
        'entries',
        '_apiLens',
      ]);
    });

    it('is written from the rows when only some of them are exported', async () => {
      const { store, downloads } = await imported(new File([text], 'designs.har'));
      store.setFilter('status-code:404');
      await act(() => {
        fireEvent.change(screen.getByLabelText('Export scope'), { target: { value: 'filtered' } });
      });
      await exportNow();
      await waitFor(() => expect(downloads).toHaveLength(1));
      const har = JSON.parse(await downloads[0]!.text) as Har;
      expect(har.log.creator.name).toBe(GENERATOR.name);
      expect(har.log.entries.map((e) => e.request.url)).toEqual([early.request.url]);
    });

    it('is written from the rows when the file can no longer be read', async () => {
      // A File whose disk copy changed after the import: reading it again fails.
      const file = new File([text], 'designs.har');
      let reads = 0;
      file.text = () =>
        reads++ === 0 ? Promise.resolve(text) : Promise.reject(new Error('NotReadableError'));
      const { downloads } = await imported(file);
      await exportNow();
      await waitFor(() => expect(downloads).toHaveLength(1));
      const har = JSON.parse(await downloads[0]!.text) as Har;
      expect(reads).toBe(2);
      expect(har.log.creator.name).toBe(GENERATOR.name);
      expect(har.log.entries.map((e) => e.request.url)).toEqual([
        early.request.url,
        late.request.url,
      ]);
      expect(screen.queryByTestId('import-error')?.textContent ?? '').toBe('');
    });
  });
});
