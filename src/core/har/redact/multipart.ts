import type { Scan } from './context.ts';
import { REDACTED } from './secrets.ts';

/**
 * multipart/form-data bodies (RFC 7578): a part whose field name is secret has its content
 * replaced; the other parts are redacted as bodies of their own type by `inner`.
 */
export function redactMultipart(
  s: Scan,
  text: string,
  mimeType: string,
  path: string,
  inner: (part: string, type: string, path: string) => string,
): string {
  const boundary =
    /boundary="?([^";]+)"?/i.exec(mimeType)?.[1] ?? /^--([^\r\n]+)\r?\n/.exec(text)?.[1];
  if (!boundary) return text;
  const delimiter = `--${boundary}`;
  const parts = text.split(delimiter);
  let changed = false;
  const out = parts.map((part, i) => {
    if (i === 0 || part.startsWith('--')) return part;
    const headEnd = part.search(/\r?\n\r?\n/);
    if (headEnd < 0) return part;
    const sepLen = part.slice(headEnd).startsWith('\r\n\r\n') ? 4 : 2;
    const head = part.slice(0, headEnd);
    const bodyStart = headEnd + sepLen;
    const tail = /\r?\n$/.exec(part)?.[0] ?? '';
    const body = part.slice(bodyStart, part.length - tail.length);
    const name = /\bname="([^"]*)"/i.exec(head)?.[1] ?? /\bname=([^;\s]+)/i.exec(head)?.[1];
    if (name !== undefined && s.field(name).secret) {
      s.note(`${path}.${name}`);
      if (body === REDACTED || body === '') return part;
      s.secret(body, false);
      changed = true;
      return `${part.slice(0, bodyStart)}${REDACTED}${tail}`;
    }
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'text/plain';
    const redacted = inner(body, type, `${path}.${name ?? i}`);
    if (redacted === body) return part;
    changed = true;
    return `${part.slice(0, bodyStart)}${redacted}${tail}`;
  });
  return changed ? out.join(delimiter) : text;
}
