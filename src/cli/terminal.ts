/**
 * Network text shown on a terminal is data, never terminal commands. ESC starts ANSI/OSC
 * sequences (colours, cursor moves, OSC 8 links, OSC 52 clipboard writes), the C1 range holds
 * their 8-bit forms (CSI is U+009B), and bidirectional overrides reorder what the reader sees
 * ("Trojan Source", CVE-2021-42574). Each is shown as a visible escape such as `\x1b`.
 */
// Built from strings: Biome rightly flags control characters in regex literals elsewhere.
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');
const UNSAFE_OR_BREAK = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One cell or one line of data: every control character escaped, line breaks and tabs too. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_OR_BREAK, visible);
}

/** Our own multi-line text with data in it: line breaks and tabs kept, other controls escaped. */
export function escapeControlsKeepLines(text: string): string {
  return text.replace(UNSAFE, visible);
}

// JSON.stringify escapes C0 but writes DEL, C1 and bidi overrides raw.
const JSON_RAW = new RegExp(`[\\u007f-\\u009f${BIDI}]`, 'g');

/**
 * JSON text made safe for a terminal without changing what it says: the characters JSON leaves
 * raw become `\uXXXX` escapes (they can only occur inside strings, where the escape is equal).
 */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Whether UTF-8 bytes may hold a character terminalSafeJson escapes: each starts with one of
 * these bytes (DEL; C2 for C1 controls; D8 for U+061C; E2 for U+200E–U+2069). Four memchr
 * scans instead of a regex over the text: nearly all API traffic has none of them.
 */
export function mayNeedEscapes(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return b.includes(0x7f) || b.includes(0xc2) || b.includes(0xd8) || b.includes(0xe2);
}
