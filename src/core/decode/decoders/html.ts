import type { TextBodyDecoder } from '../decoder.ts';
import { htmlBlocks } from '../markup.ts';
import { decoded } from '../util.ts';

/**
 * HTML error pages (RFC 6585's 429 example, nginx's built-in pages, gateway pages): the title,
 * headings and paragraphs in order, deduplicated (nginx repeats the title in an h1, and its
 * `<center>nginx</center>` signature is not a heading or paragraph). A page without those
 * yields its first text.
 */
const HTML_SNIFF = /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<title[\s>]/i;

export const html: TextBodyDecoder = {
  id: 'html',
  decode(ctx) {
    // Declared XML is left to the XML decoders (a <title> leaf is not a page title); undeclared markup is sniffed.
    const declaredXml = ctx.mediaType.endsWith('/xml') || ctx.mediaType.endsWith('+xml');
    const isHtml =
      ctx.mediaType === 'text/html' ||
      ctx.mediaType === 'application/xhtml+xml' ||
      (!declaredXml && HTML_SNIFF.test(ctx.text.slice(0, 1024)));
    if (!isHtml) return null;
    const { blocks, allText } = htmlBlocks(ctx.text);
    return decoded('html', ctx, { messages: blocks.length > 0 ? blocks : [allText.slice(0, 500)] });
  },
};
