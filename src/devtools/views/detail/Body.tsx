import { useState } from 'preact/hooks';
import { bytes } from '../../format.ts';
import { INLINE_MAX, useFormattedBody } from './formatted.ts';

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
  const formatted = useFormattedBody(text, json);
  const pretty = formatted.text;
  const capped = !all && pretty.length > BODY_CAP;
  return (
    <section class="d-body">
      <h4>
        {title}
        {text !== undefined ? ` (${bytes(text.length)})` : ''}
      </h4>
      {note ? <p class="note">{note}</p> : null}
      {formatted.pending ? (
        <p class="note" data-testid="body-formatting">
          Formatting this large body in the background…
        </p>
      ) : null}
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
