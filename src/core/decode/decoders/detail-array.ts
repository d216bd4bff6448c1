import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, FieldErrors, isRecord } from '../util.ts';

/**
 * FastAPI / Pydantic validation errors: `{"detail": [{loc: [...], msg, type}]}`; the field key is
 * `loc` joined with '.', the code the first item's `type`.
 */
export const detailArray: JsonDecoder = {
  id: 'fastapi-detail',
  decode(value, ctx) {
    if (!isRecord(value) || !Array.isArray(value.detail)) return null;
    const items = boundedItems(value.detail).filter(isRecord);
    if (items.length === 0) return null;
    const messages: unknown[] = [];
    const fieldErrors = new FieldErrors();
    for (const item of items) {
      const message = item.msg ?? item.message;
      messages.push(message);
      const loc = boundedItems(item.loc).filter(
        (p) => typeof p === 'string' || typeof p === 'number',
      );
      if (loc.length > 0) fieldErrors.add(loc.join('.'), message);
    }
    return decoded('fastapi-detail', ctx, { messages, fieldErrors, code: items[0]!.type });
  },
};
