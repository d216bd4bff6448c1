import { useMemo, useState } from 'preact/hooks';
import { bytes } from '../../format.ts';

/** Bodies longer than this show their head until the user asks for all of it. */
export const BODY_CAP = 64 * 1024;
/** Above this, "show all" shows raw text: pretty-printing would stall the panel. */
export const PRETTY_MAX = 2 * 1024 * 1024;

export function parseJson(text: string | undefined): unknown {
  if (!text || text.length > PRETTY_MAX) return undefined;
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
