import { useEffect, useMemo, useState } from 'preact/hooks';
import { useEnv } from '../../context.ts';

/**
 * The detail pane's body formatting seam: a body up to INLINE_MAX characters is parsed on the
 * main thread (well inside a frame); a larger one is parsed and pretty-printed in the worker
 * (PanelEnv.formatBody → worker/host.ts formatBody) while its raw head shows.
 */
export const INLINE_MAX = 256 * 1024;

export interface Formatted {
  text: string;
  /** The text is pretty-printed JSON. */
  json: boolean;
  /** The worker is still formatting it. */
  pending: boolean;
}

export function useFormattedBody(
  text: string | undefined,
  json: unknown,
  mimeType = '',
): Formatted {
  const { formatBody } = useEnv();
  const big = text !== undefined && text.length > INLINE_MAX;
  const inline = useMemo<Formatted>(
    () =>
      json !== undefined
        ? { text: JSON.stringify(json, null, 2), json: true, pending: false }
        : { text: text ?? '', json: false, pending: big },
    [text, json, big],
  );
  const [worked, setWorked] = useState<Formatted | undefined>();
  useEffect(() => {
    setWorked(undefined);
    if (!big || text === undefined) return;
    let live = true;
    formatBody(text, mimeType).then(
      (f) => live && setWorked({ ...f, pending: false }),
      () => live && setWorked({ text, json: false, pending: false }),
    );
    return () => {
      live = false;
    };
  }, [text, big, mimeType, formatBody]);
  return worked ?? inline;
}
