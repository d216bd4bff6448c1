import type { TextBodyDecoder } from '../decoder.ts';
import { decoded } from '../util.ts';

/** Plain-text bodies (gateway and proxy pages, e.g. Envoy's "upstream connect error…"): the first few non-empty lines. */
const MAX_LINES = 3;

export const plainText: TextBodyDecoder = {
  id: 'text',
  decode(ctx) {
    const lines: string[] = [];
    for (const line of ctx.text.slice(0, 8192).split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length >= MAX_LINES) break;
    }
    return decoded('text', ctx, { messages: lines });
  },
};
