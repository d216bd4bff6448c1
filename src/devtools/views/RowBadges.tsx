import { useMemo } from 'preact/hooks';
import { mediaType } from '../../core/http.ts';
import { rowFacts } from '../../core/profiles/row-facts.ts';
import { useEnv } from '../context.ts';
import type { Row } from '../store.ts';

/** Seed facts as badges on the row (Created: …, Already created, legacy version). */
export function RowBadges({ row }: { row: Row }) {
  const { store } = useEnv();
  const engine = store.session().engine;
  const facts = useMemo(
    () =>
      rowFacts({
        method: row.method,
        url: row.url,
        status: row.status,
        responseHeaders: row.entry.response.headers,
        profile: engine.profileFor(row.url, mediaType(row.entry.response.content.mimeType)).profile,
        apiVersion: row.ann.apiVersion,
      }),
    [row, engine],
  );
  return (
    <>
      {facts.map((f) => (
        <span key={f.kind} class={`badge fact f-${f.kind}`} data-fact={f.kind} title={f.title}>
          {f.label}
        </span>
      ))}
    </>
  );
}
