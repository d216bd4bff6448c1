import { useState } from 'preact/hooks';
import { bytes } from '../../format.ts';
import { INLINE_MAX, useFormattedBody } from './formatted.ts';
import { JsonTree } from './JsonTree.tsx';

/** Bodies longer than this show their head until the user asks for all of it. */
export const BODY_CAP = 64 * 1024;
/** The body's JSON value when it is small enough to parse on the main thread (formatted.ts). */
export function parseJson(text: string | undefined): unknown {
  if (!text || text.length > INLINE_MAX) return undefined;
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function Body({
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
  const [raw, setRaw] = useState(false);
  const formatted = useFormattedBody(text, json);
  const testid = `body-${title.toLowerCase().replace(/\s+/g, '-')}`;
  // The tree needs the parsed value, which exists for bodies parsed inline (≤ INLINE_MAX);
  // larger bodies keep the worker's pretty-printed text.
  const tree = !raw && json !== undefined && text !== undefined;
  const shown = raw ? (text ?? '') : formatted.text;
  const capped = !tree && !all && shown.length > BODY_CAP;
  return (
    <section class="d-body">
      <h4>
        {title}
        {text !== undefined ? ` (${bytes(text.length)})` : ''}
        {text !== undefined && (formatted.json || json !== undefined) ? (
          <button
            type="button"
            class="d-body-mode"
            aria-pressed={raw}
            data-testid={`${testid}-raw`}
            onClick={() => setRaw(!raw)}
          >
            {raw ? 'Pretty' : 'Raw'}
          </button>
        ) : null}
      </h4>
      {note ? <p class="note">{note}</p> : null}
      {formatted.pending && !raw ? (
        <p class="note" data-testid="body-formatting">
          Formatting this large body in the background…
        </p>
      ) : null}
      {tree ? (
        <JsonTree value={json} testid={testid} />
      ) : text !== undefined ? (
        <pre data-testid={testid}>{capped ? shown.slice(0, BODY_CAP) : shown}</pre>
      ) : null}
      {capped ? (
        <button type="button" onClick={() => setAll(true)}>
          Show all ({bytes(shown.length)})
        </button>
      ) : null}
    </section>
  );
}
