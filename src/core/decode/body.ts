/**
 * Body preparation: base64 (HAR 1.2 `content.encoding`; Chrome's getContent returns binary bodies
 * that way), binary media types, and the decode cap.
 */

export interface PreparedBody {
  text: string;
  truncated: boolean;
  /** Set when the body is not text: the decoders do not look at it. */
  binary?: {
    bytes: number;
    reason: 'media-type' | 'not-utf8' | 'control-chars' | 'invalid-base64';
  };
}

const BINARY_TYPES = new Set([
  'application/octet-stream',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'application/x-protobuf',
  'application/protobuf',
  'application/grpc',
  'application/wasm',
  'application/msword',
  'application/vnd.ms-excel',
]);
const BINARY_PREFIXES = ['image/', 'audio/', 'video/', 'font/', 'model/'];

/** Media types whose bodies are not text (structured-syntax +json/+xml suffixes are text, e.g. image/svg+xml). */
export function isBinaryMediaType(mediaType: string): boolean {
  if (mediaType.endsWith('+json') || mediaType.endsWith('+xml')) return false;
  return (
    BINARY_TYPES.has(mediaType) ||
    mediaType.startsWith('application/vnd.openxmlformats') ||
    BINARY_PREFIXES.some((prefix) => mediaType.startsWith(prefix))
  );
}

/** "12.3 kB" (SI units, as DevTools shows sizes). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Decoded byte length of a base64 string, without decoding it. */
function base64Bytes(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((b64.length * 3) / 4) - padding);
}

/** A text body that plainly is JSON or markup, whatever its declared media type. */
function looksStructured(text: string): boolean {
  const first = /\S/.exec(text.slice(0, 256))?.[0];
  return first === '{' || first === '[' || first === '<';
}

/**
 * A NUL in the head marks binary content served under a text type, or raw bytes in a HAR without
 * `encoding` (the heuristic git and file(1) use); escaped \u0000 in JSON is not a raw NUL.
 */
function hasNulInHead(text: string): boolean {
  // Look at the head only: indexOf over the whole string scanned every byte of a large body.
  const head = text.length > NUL_HEAD ? text.slice(0, NUL_HEAD) : text;
  return head.includes('\0');
}
const NUL_HEAD = 8192;

/** Wording for a body the decoders do not look at: "binary body (12.3 kB, image/png)". */
export function describeBinary(
  binary: NonNullable<PreparedBody['binary']>,
  mediaType: string,
): string {
  const what = binary.reason === 'invalid-base64' ? 'body is not valid base64' : 'binary body';
  return `${what} (${formatSize(binary.bytes)}, ${mediaType || 'no content type'})`;
}

export function prepareBody(
  raw: string,
  encoding: string | undefined,
  mediaType: string,
  maxChars: number,
): PreparedBody {
  if (encoding?.toLowerCase() === 'base64') return fromBase64(raw, mediaType, maxChars);
  // A byte-order mark is not content (RFC 8259 §8.1), and JSON.parse rejects it.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (isBinaryMediaType(mediaType) && !looksStructured(text)) {
    return { text: '', truncated: false, binary: { bytes: text.length, reason: 'media-type' } };
  }
  if (hasNulInHead(text)) {
    return { text: '', truncated: false, binary: { bytes: text.length, reason: 'control-chars' } };
  }
  return text.length > maxChars
    ? { text: text.slice(0, maxChars), truncated: true }
    : { text, truncated: false };
}

function fromBase64(raw: string, mediaType: string, maxChars: number): PreparedBody {
  const b64 = /\s/.test(raw) ? raw.replace(/\s+/g, '') : raw;
  const bytes = base64Bytes(b64);
  if (isBinaryMediaType(mediaType)) {
    return { text: '', truncated: false, binary: { bytes, reason: 'media-type' } };
  }
  // UTF-8 needs at most 4 bytes per character: decode only the head that can fill maxChars.
  const headChars = Math.ceil((maxChars * 4) / 3 / 4) * 4 * 4;
  const cut = b64.length > headChars;
  let binary: string;
  try {
    binary = atob(cut ? b64.slice(0, headChars) : b64);
  } catch {
    return { text: '', truncated: false, binary: { bytes, reason: 'invalid-base64' } };
  }
  const octets = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) octets[i] = binary.charCodeAt(i);
  let text: string;
  try {
    // fatal: a body that is not UTF-8 is binary, whatever it was labelled; a cut head may end mid-character.
    text = new TextDecoder('utf-8', { fatal: true }).decode(octets, { stream: cut });
  } catch {
    return { text: '', truncated: false, binary: { bytes, reason: 'not-utf8' } };
  }
  if (hasNulInHead(text))
    return { text: '', truncated: false, binary: { bytes, reason: 'control-chars' } };
  if (text.length > maxChars) return { text: text.slice(0, maxChars), truncated: true };
  return { text, truncated: cut };
}
