/**
 * Lenient JSON for bodies that are invalid as published (corpus `jsonValid: false`): a trailing
 * comma, a missing comma between members, a raw line break inside a string. One linear pass.
 */

const VALUE_END = new Set(['"', '}', ']', 'e', 'l']); // a string, object, array, true/false, null
const VALUE_START = new Set(['"', '{', '[']);

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function nextSignificant(text: string, from: number): string {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') return ch;
  }
  return '';
}

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Repairs the three defects; leaves anything else as it was (JSON.parse decides). Copies the
 * untouched stretches between repairs as slices, so a multi-megabyte body costs a few copies.
 */
export function repairJson(text: string): string {
  const out: string[] = [];
  let from = 0; // start of the stretch not yet copied to out
  let inString = false;
  let last = ''; // last significant character outside strings
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        last = ch;
      } else if (ch < ' ') {
        out.push(text.slice(from, i), CONTROL_ESCAPES[ch] ?? ' ');
        from = i + 1;
      }
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (ch === ',') {
      const next = nextSignificant(text, i + 1);
      if (next === '}' || next === ']' || next === '') {
        // trailing comma: drop it
        out.push(text.slice(from, i));
        from = i + 1;
        continue;
      }
    } else if (VALUE_START.has(ch) && (VALUE_END.has(last) || isDigit(last))) {
      // missing comma between members or items
      out.push(text.slice(from, i), ',');
      from = i;
    }
    if (ch === '"') inString = true;
    last = ch;
  }
  out.push(text.slice(from));
  return out.join('');
}

export type JsonParse = { ok: true; value: unknown; repaired?: true } | { ok: false };

/** JSON.parse, then once more after repairJson. Never throws. */
export function parseJsonLeniently(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // fall through to the repair
  }
  try {
    return { ok: true, value: JSON.parse(repairJson(text)), repaired: true };
  } catch {
    return { ok: false };
  }
}

/** Members whose string value is prose in most error shapes. */
const TRUNCATED_MEMBER =
  /"(message|detail|title|error|error_description|description|msg|reason)"\s*:\s*"((?:[^"\\\n]|\\.){1,2000})"/g;
const MAX_TRUNCATED_MATCHES = 20;

/**
 * A body cut at the decode cap cannot be parsed: pull message-ish string members out of its
 * head instead, in document order.
 */
export function extractMessagesFromHead(head: string): string[] {
  const out: string[] = [];
  TRUNCATED_MEMBER.lastIndex = 0;
  for (let i = 0; i < MAX_TRUNCATED_MATCHES; i++) {
    const match = TRUNCATED_MEMBER.exec(head);
    if (!match) break;
    try {
      const value: unknown = JSON.parse(`"${match[2]}"`);
      if (typeof value === 'string') out.push(value);
    } catch {
      // an escape cut in half: skip this member
    }
  }
  return out;
}
