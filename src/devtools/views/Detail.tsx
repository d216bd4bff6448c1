import type { Header } from 'har-format';
import { useMemo, useState } from 'preact/hooks';
import type { EntryAnnotation } from '../../core/annotation.ts';
import { useEnv, useNow } from '../context.ts';
import {
  bytes,
  duration,
  respondedAt,
  safeHref,
  statusClassName,
  supportDetails,
  toCurl,
  VERDICT_LABEL,
} from '../format.ts';
import type { Row } from '../store.ts';
import { Toggle } from './Toggle.tsx';

/** Bodies longer than this show their head until the user asks for all of it. */
export const BODY_CAP = 64 * 1024;
/** Above this, "show all" shows raw text: pretty-printing would stall the panel. */
const PRETTY_MAX = 2 * 1024 * 1024;

/** A link from the network: http(s) only, opened outside the panel without an opener. */
export function ExtLink({ href, children }: { href: string | undefined; children: string }) {
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function CopyButton({
  label,
  text,
  testid,
}: {
  label: string;
  text: () => string;
  testid: string;
}) {
  const { copy } = useEnv();
  const [done, setDone] = useState<'' | 'ok' | 'fail'>('');
  return (
    <button
      type="button"
      data-testid={testid}
      onClick={async () => setDone((await copy(text())) ? 'ok' : 'fail')}
    >
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed' : label}
    </button>
  );
}

function StatusSection({ row }: { row: Row }) {
  const { store } = useEnv();
  const { status, apiVersion } = row.ann;
  const profileName =
    status.source === 'profile'
      ? store.session().engine.profileFor(row.url).profile.name
      : undefined;
  return (
    <section class="d-status" data-testid="detail-status">
      <h3>
        <span class={statusClassName(status.code)}>{status.code || 'No response'}</span>{' '}
        {status.text}
      </h3>
      <p class="meaning">{status.meaning}</p>
      <p class="source">
        Source:{' '}
        {status.source === 'profile'
          ? `${profileName ?? row.ann.profile} profile${status.cite ? ` — ${status.cite}` : ''}`
          : (status.cite ?? 'RFC 9110')}
        {apiVersion ? ` · API version ${apiVersion}` : ''}
      </p>
    </section>
  );
}

function ErrorSection({ error }: { error: NonNullable<EntryAnnotation['error']> }) {
  const fields = Object.entries(error.fieldErrors ?? {});
  return (
    <section class="d-error" data-testid="detail-error">
      <h4>Decoded error ({error.format})</h4>
      <ul class="messages">
        {error.messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      {error.truncated ? <p class="warn">Only the head of a very large body was decoded.</p> : null}
      {fields.length ? (
        <table class="fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Errors</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([f, msgs]) => (
              <tr key={f}>
                <td>{f}</td>
                <td>{msgs.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error.code ? (
        <p class="code">
          Code: <code>{error.code}</code>
          {error.codeMeaning ? ` — ${error.codeMeaning}` : ''}
        </p>
      ) : null}
      {error.docs ? (
        <p class="docs">
          Docs: <ExtLink href={error.docs}>{error.docs}</ExtLink>
        </p>
      ) : null}
    </section>
  );
}

function RetrySection({ row }: { row: Row }) {
  const now = useNow();
  const { retry } = row.ann;
  const until =
    retry.afterSeconds !== undefined
      ? respondedAt(row.entry) + retry.afterSeconds * 1000
      : undefined;
  return (
    <section class="d-retry" data-testid="detail-retry">
      <h4>
        Retry: <span class={`badge v-${retry.verdict}`}>{retry.verdict}</span>{' '}
        {VERDICT_LABEL[retry.verdict]}
      </h4>
      <p>{retry.reason}</p>
      {until !== undefined ? (
        <p class="countdown" data-testid="retry-countdown">
          {until > now
            ? `Retry in ${duration((until - now) / 1000)}`
            : 'The wait is over: retry now'}{' '}
          ({retry.afterSeconds}s after the response)
        </p>
      ) : null}
      {retry.schedule?.length ? (
        <p class="schedule">
          Suggested backoff: {retry.schedule.map((s) => `${s.toFixed(1)}s`).join(' → ')}
        </p>
      ) : null}
      {retry.cite ? <p class="source">Source: {retry.cite}</p> : null}
    </section>
  );
}

function HalSection({ ann, json }: { ann: EntryAnnotation; json: unknown }) {
  const hal = ann.hal;
  if (!hal) return null;
  const embedded = (json as { _embedded?: Record<string, unknown> } | undefined)?._embedded;
  return (
    <section class="d-hal" data-testid="detail-hal">
      <h4>HAL links</h4>
      <ul>
        {hal.links.map((l, i) => (
          <li key={i}>
            <code>{l.rel}</code> → <ExtLink href={l.href}>{l.href}</ExtLink>
            {l.title ? ` (${l.title})` : ''}
          </li>
        ))}
      </ul>
      {hal.embedded.map((e) => (
        <details key={e.rel}>
          <summary>
            _embedded.{e.rel} ({e.count})
          </summary>
          <pre>{JSON.stringify(embedded?.[e.rel] ?? null, null, 2)}</pre>
        </details>
      ))}
    </section>
  );
}

function Headers({ title, headers }: { title: string; headers: Header[] }) {
  return (
    <details class="d-headers">
      <summary>
        {title} ({headers.length})
      </summary>
      <table>
        <tbody>
          {headers.map((h, i) => (
            <tr key={i}>
              <th>{h.name}</th>
              <td>{h.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function parseJson(text: string | undefined): unknown {
  if (!text || text.length > PRETTY_MAX) return undefined;
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function Body({
  title,
  text,
  json,
  note,
}: {
  title: string;
  text: string | undefined;
  json: unknown;
  note?: string | undefined;
}) {
  const [all, setAll] = useState(false);
  const pretty = useMemo(
    () => (json !== undefined ? JSON.stringify(json, null, 2) : (text ?? '')),
    [text, json],
  );
  const capped = !all && pretty.length > BODY_CAP;
  return (
    <section class="d-body">
      <h4>
        {title}
        {text !== undefined ? ` (${bytes(text.length)})` : ''}
      </h4>
      {note ? <p class="note">{note}</p> : null}
      {text !== undefined ? (
        <pre data-testid={`body-${title.toLowerCase().replace(/\s+/g, '-')}`}>
          {capped ? pretty.slice(0, BODY_CAP) : pretty}
        </pre>
      ) : null}
      {capped ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all ({bytes(pretty.length)})
        </button>
      ) : null}
    </section>
  );
}

const BODY_NOTE: Record<Row['body'], string | undefined> = {
  captured: undefined,
  decoding: 'Decoding this large body in the background…',
  evicted: 'DevTools had already dropped this body when the panel asked for it.',
  'not-captured': 'This request finished before the panel opened; DevTools does not keep its body.',
};

export function Detail({ row }: { row: Row }) {
  const { store } = useEnv();
  const [secrets, setSecrets] = useState(false);
  const { entry, ann } = row;
  const text = entry.response.content.text;
  const json = useMemo(
    () => (entry.response.content.encoding ? undefined : parseJson(text)),
    [text, entry],
  );
  return (
    <aside class="detail" data-testid="detail" data-row-id={row.id} aria-label="Request details">
      <header>
        <strong>{row.method}</strong> <span class="url">{row.url}</span>
        <button
          type="button"
          class="close"
          aria-label="Close details"
          onClick={() => store.close()}
        >
          ×
        </button>
      </header>
      <StatusSection row={row} />
      {ann.error ? <ErrorSection error={ann.error} /> : null}
      <RetrySection row={row} />
      <section class="d-support">
        <h4>Request id</h4>
        <p>
          <code data-testid="detail-request-id">{ann.requestId ?? 'none sent'}</code>
        </p>
        <CopyButton
          label="Copy support details"
          testid="copy-support"
          text={() => supportDetails(entry, ann)}
        />
      </section>
      {ann.rate ? (
        <p class="d-rate">
          Rate: {ann.rate.count}/{ann.rate.limit} in {ann.rate.windowSeconds}s ({ann.rate.source})
          {ann.rate.over ? ' — over the limit' : ''}
        </p>
      ) : null}
      {ann.notes?.length ? (
        <ul class="notes">
          {ann.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      <HalSection ann={ann} json={json} />
      <Headers title="Request headers" headers={entry.request.headers} />
      <Headers title="Response headers" headers={entry.response.headers} />
      {entry.request.postData?.text !== undefined ? (
        <Body
          title="Request body"
          text={entry.request.postData.text}
          json={parseJson(entry.request.postData.text)}
        />
      ) : null}
      <Body
        title="Response body"
        text={text}
        json={json}
        note={
          BODY_NOTE[row.body] ??
          (entry.response.content.encoding
            ? `Encoded as ${entry.response.content.encoding}.`
            : undefined)
        }
      />
      <section class="d-curl">
        <Toggle
          label="Include secrets"
          testid="curl-secrets"
          checked={secrets}
          onChange={setSecrets}
        />
        <CopyButton label="Copy as cURL" testid="copy-curl" text={() => toCurl(entry, secrets)} />
      </section>
    </aside>
  );
}
