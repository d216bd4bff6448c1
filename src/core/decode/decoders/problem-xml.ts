import type { TextBodyDecoder } from '../decoder.ts';
import { xmlLeaves } from '../markup.ts';
import { decoded, FieldErrors } from '../util.ts';
import { instanceAsRequestId, isGenericProblemType } from './problem-details.ts';

/**
 * RFC 9457 §A (application/problem+xml): namespace urn:ietf:rfc:7807, the same members as the
 * JSON form, arrays serialised as `<i>` items (e.g. `<errors><i><detail/><pointer/></i></errors>`).
 */
export const problemXml: TextBodyDecoder = {
  id: 'problem-xml',
  decode(ctx) {
    if (
      !ctx.mediaType.endsWith('problem+xml') &&
      !ctx.text.slice(0, 2048).includes('urn:ietf:rfc:7807')
    ) {
      return null;
    }
    const leaves = xmlLeaves(ctx.text);
    const firstItem = ctx.text.indexOf('<i>');
    const top = (name: string) =>
      leaves.find((l) => l.name === name && (firstItem === -1 || l.at < firstItem))?.text;
    const messages: unknown[] = [top('title'), top('detail')];
    const fieldErrors = new FieldErrors();
    // Items: each <i>…</i> holding a detail and a pointer/name (linear: the scan only moves forward).
    for (let start = firstItem, n = 0; start !== -1 && n < 100; n++) {
      const end = ctx.text.indexOf('</i>', start);
      if (end === -1) break;
      const inItem = leaves.filter((l) => l.at > start && l.at < end);
      const detail = inItem.find((l) => l.name === 'detail')?.text;
      const field = inItem.find(
        (l) => l.name === 'pointer' || l.name === 'name' || l.name === 'field',
      )?.text;
      messages.push(detail);
      if (field) fieldErrors.add(field, detail);
      start = ctx.text.indexOf('<i>', end);
    }
    const type = top('type');
    const specificType = type && !isGenericProblemType(type) ? type : undefined;
    return decoded('problem-xml', ctx, {
      messages,
      fieldErrors,
      code: top('code') ?? specificType,
      docs: specificType,
      requestId: instanceAsRequestId(top('instance')),
    });
  },
};
