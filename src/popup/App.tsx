import { useCallback, useEffect, useState } from 'preact/hooks';
import { type PermissionState, request, type TabSummary } from '../core/messages.ts';
import { sitePattern } from '../core/profiles/hosts.ts';
import { ErrorList } from './ErrorList.tsx';
import { type PopupEnv, REFRESH_MS } from './env.ts';
import { Meter } from './Meter.tsx';
import { PermissionPrompt, type Site } from './PermissionPrompt.tsx';
import { StatusCounts } from './StatusCounts.tsx';
import { Throttle } from './Throttle.tsx';
import { Verdicts } from './Verdicts.tsx';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; summary: TabSummary | null }
  | { state: 'error'; message: string };

/** The toolbar popup: the active tab's summary, refreshed every second while open. */
export function App({ env }: { env: PopupEnv }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [perm, setPerm] = useState<PermissionState | undefined>();
  const [now, setNow] = useState(env.clock());
  const [notice, setNotice] = useState('');
  const [site, setSite] = useState<Site | undefined>();
  const tabId = env.tabId;

  const refresh = useCallback(async () => {
    setNow(env.clock());
    if (tabId === undefined) return;
    try {
      const summary = await request(env.send, 'summary:get', { tabId });
      setLoad({ state: 'ready', summary });
    } catch (e) {
      setLoad({
        state: 'error',
        message: `Could not reach the background: ${(e as Error).message}`,
      });
    }
  }, [env, tabId]);

  const refreshPermissions = useCallback(() => {
    request(env.send, 'permissions:get', {}).then(setPerm, () => setPerm(undefined));
    const pattern = sitePattern(env.tabUrl);
    if (pattern) {
      env.permissions.contains([pattern]).then(
        (granted) => setSite({ pattern, granted }),
        () => setSite(undefined),
      );
    }
  }, [env]);

  useEffect(() => {
    void refresh();
    refreshPermissions();
    const off = env.permissions.onChanged(refreshPermissions);
    const stop = env.tick(() => void refresh(), REFRESH_MS);
    return () => {
      off();
      stop();
    };
  }, [env, refresh, refreshPermissions]);

  const exportJson = async () => {
    if (tabId === undefined) return;
    const doc = await request(env.send, 'summary:export', { tabId });
    if (!doc) return setNotice('Nothing to export yet.');
    env.download(
      `api-lens-summary-tab${tabId}-${doc.exportedAt.replace(/[:.]/g, '-')}.json`,
      JSON.stringify(doc, null, 2),
    );
    setNotice('Summary exported.');
  };
  const clear = async () => {
    if (tabId === undefined) return;
    await request(env.send, 'summary:clear', { tabId });
    setNotice('Cleared.');
    await refresh();
  };

  const summary = load.state === 'ready' ? load.summary : null;
  return (
    <main class="popup" data-testid="popup-root" aria-busy={load.state === 'loading'}>
      <header>
        <h1>API Lens</h1>
        {summary ? (
          <span
            class={`level level-${summary.badge.level}`}
            data-testid="level"
            title={summary.badge.title}
          >
            {summary.badge.title.replace(/^API Lens — /, '')}
          </span>
        ) : null}
      </header>
      {perm ? (
        <PermissionPrompt
          state={perm}
          site={site}
          permissions={env.permissions}
          onChanged={refreshPermissions}
        />
      ) : null}
      {tabId === undefined ? <p>No active tab.</p> : null}
      {load.state === 'error' ? <p role="alert">{load.message}</p> : null}
      {load.state === 'ready' && !summary ? (
        <p class="empty" data-testid="empty">
          No API requests seen in this tab yet.
        </p>
      ) : null}
      {summary ? (
        <>
          <Throttle summary={summary} now={now} />
          <section aria-labelledby="rate-h">
            <h2 id="rate-h">Rate limits</h2>
            {summary.rates.length ? (
              <ul class="meters">
                {summary.rates.map((m) => (
                  <Meter key={m.key} meter={m} now={now} />
                ))}
              </ul>
            ) : (
              <p>No keyed traffic.</p>
            )}
          </section>
          <section aria-labelledby="status-h">
            <h2 id="status-h">
              Responses <span data-testid="total">{summary.total}</span>
            </h2>
            <StatusCounts byStatusClass={summary.byStatusClass} />
            <Verdicts verdicts={summary.verdicts} />
          </section>
          <ErrorList errors={summary.recentErrors} copy={env.copy} />
        </>
      ) : null}
      <p class="hint">
        For bodies, field errors and retry advice: open DevTools (F12) → <b>API Lens</b>.
      </p>
      <footer>
        <button type="button" onClick={exportJson} disabled={!summary}>
          Export JSON
        </button>
        <button type="button" onClick={clear} disabled={!summary}>
          Clear
        </button>
        <span role="status" class="notice">
          {notice}
        </span>
      </footer>
    </main>
  );
}
