import { useMemo } from 'preact/hooks';
import { useEnv } from '../context.ts';
import type { Row } from '../store.ts';
import { Body, parseJson } from './detail/Body.tsx';
import { CopySection, SupportSection } from './detail/Copy.tsx';
import { ErrorSection } from './detail/ErrorSection.tsx';
import { HalSection } from './detail/Hal.tsx';
import { Headers } from './detail/Headers.tsx';
import { OperationSection, SchemaSection } from './detail/OpenApi.tsx';
import { ProblemSection, problemOf } from './detail/Problem.tsx';
import { RetrySection } from './detail/Retry.tsx';
import { StatusSection } from './detail/Status.tsx';

export { BODY_CAP } from './detail/Body.tsx';
export { ExtLink } from './detail/common.tsx';

const BODY_NOTE: Record<Row['body'], string | undefined> = {
  captured: undefined,
  decoding: 'Decoding this large body in the background…',
  evicted:
    'DevTools dropped this body (or did not serve it in time) before the panel could read it.',
  'not-captured': 'This request finished before the panel opened; DevTools does not keep its body.',
  budget: 'Body dropped by the memory budget (oldest first); raise it in Profiles & settings.',
  recovered:
    'DevTools never reported this request finished (the page navigated first): recovered from its HAR log, without the body.',
};

/** The detail pane: one section per file under ./detail/. */
export function Detail({ row }: { row: Row }) {
  const { store } = useEnv();
  const { entry, ann } = row;
  const text = entry.response.content.text;
  const json = useMemo(
    () => (entry.response.content.encoding ? undefined : parseJson(text)),
    [text, entry],
  );
  const problem = problemOf(row, json);
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
      <OperationSection ann={ann} />
      {ann.error ? <ErrorSection error={ann.error} /> : null}
      {problem ? <ProblemSection row={row} problem={problem} /> : null}
      <RetrySection row={row} />
      <SupportSection row={row} />
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
      <HalSection row={row} json={json} />
      <Headers title="Request headers" headers={entry.request.headers} />
      <Headers title="Response headers" headers={entry.response.headers} />
      {entry.request.postData?.text !== undefined ? (
        <Body
          title="Request body"
          text={entry.request.postData.text}
          json={parseJson(entry.request.postData.text)}
        />
      ) : null}
      <SchemaSection ann={ann} />
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
      <CopySection row={row} />
    </aside>
  );
}
