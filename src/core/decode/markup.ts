/**
 * Minimal, linear-time readers for XML and HTML error bodies: no DOM exists in the core, and
 * error documents are small and flat. Every scan is bounded by indexOf/regex passes that never
 * backtrack across the whole body.
 */

import { own } from '../own.ts';

const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return own(NAMED, name.toLowerCase()) ?? whole;
    const point =
      name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16)
        : Number(name.slice(1));
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}

export interface XmlLeaf {
  /** Local name (namespace prefix dropped), as written. */
  name: string;
  text: string;
  /** Offset of the element in the document. */
  at: number;
}

const LEAF =
  /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>([^<]*)<\/(?:[A-Za-z_][\w.-]*:)?\1\s*>/g;
const MAX_LEAVES = 500;

/** Elements that hold only text, in document order (CDATA sections are not unwrapped). */
export function xmlLeaves(text: string): XmlLeaf[] {
  const out: XmlLeaf[] = [];
  LEAF.lastIndex = 0;
  for (let match = LEAF.exec(text); match && out.length < MAX_LEAVES; match = LEAF.exec(text)) {
    out.push({ name: match[1]!, text: decodeEntities(match[2]!).trim(), at: match.index });
  }
  return out;
}

/** The local name of the document element, skipping the prolog and comments. */
export function xmlRootName(text: string): string | undefined {
  return /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(0, 4096))?.[1];
}

/** HTML: the text of title, headings and paragraphs, in order; scripts, styles and comments skipped. */
const CAPTURE = new Set(['title', 'h1', 'h2', 'h3', 'p', 'pre']);
const SKIP = new Set(['script', 'style', 'noscript', 'template']);
const MAX_BLOCKS = 10;

export function htmlBlocks(html: string): { blocks: string[]; allText: string } {
  const blocks: string[] = [];
  const all: string[] = [];
  let capturing: string | undefined;
  let buffer = '';
  const flush = () => {
    if (capturing && buffer.trim()) blocks.push(buffer);
    capturing = undefined;
    buffer = '';
  };
  let lower: string | undefined; // lower-cased once, only if a script/style needs skipping
  let i = 0;
  while (i < html.length && blocks.length < MAX_BLOCKS) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i) {
      const text = decodeEntities(html.slice(i, textEnd));
      if (capturing) buffer += text;
      if (all.length < 50) all.push(text);
    }
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt === -1) break;
    const tag = /^<(\/?)([A-Za-z][\w-]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 64)));
    i = gt + 1;
    if (!tag) continue;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (!closing && SKIP.has(name)) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, i);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (CAPTURE.has(name)) {
      flush();
      if (!closing) capturing = name;
    } else if (name === 'br') buffer += ' ';
  }
  flush();
  return { blocks, allText: all.join(' ') };
}
