/**
 * Message normalisation shared by every decoder. The corpus README compares messages in
 * document order, deduplicated, with runs of whitespace collapsed; HTML and invalid JSON carry
 * line breaks inside one message.
 */

/** Caps keep a hostile body from producing unbounded output. */
export const MAX_MESSAGES = 50;
export const MAX_MESSAGE_CHARS = 2000;

const WHITESPACE = /\s+/g;
/** Anything collapsing would change: whitespace other than a space, two spaces, or an edge space. */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

/** Collapses runs of whitespace to one space and trims (most messages need neither: test first, no copy). */
export function collapseWhitespace(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(WHITESPACE, ' ').trim() : text;
}

/** One message: collapsed and clipped (clipping first, so a 4 MiB string costs little). */
export function normalizeMessage(text: string): string {
  const head = text.length > MAX_MESSAGE_CHARS * 2 ? text.slice(0, MAX_MESSAGE_CHARS * 2) : text;
  const collapsed = collapseWhitespace(head);
  return collapsed.length > MAX_MESSAGE_CHARS
    ? `${collapsed.slice(0, MAX_MESSAGE_CHARS - 1)}…`
    : collapsed;
}

/** Strings only, normalised, empty ones dropped, first occurrence kept, at most MAX_MESSAGES. */
export function normalizeMessages(items: Iterable<unknown>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const message = normalizeMessage(item);
    if (message === '' || seen.has(message)) continue;
    seen.add(message);
    out.push(message);
    if (out.length >= MAX_MESSAGES) break;
  }
  return out;
}
