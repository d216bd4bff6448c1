import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, FieldErrors, isRecord } from '../util.ts';

/**
 * A top-level array of error objects (Salesforce REST: `[{message, errorCode, fields:[…]}]`), or
 * of strings.
 */
export const errorList: JsonDecoder = {
  id: 'error-list',
  decode(value, ctx) {
    if (!Array.isArray(value) || value.length === 0) return null;
    const items = boundedItems(value);
    const errorish = (i: unknown) =>
      typeof i === 'string' ||
      (isRecord(i) && (typeof i.message === 'string' || typeof i.errorCode === 'string'));
    if (!items.every(errorish)) return null;
    const messages: unknown[] = [];
    const fieldErrors = new FieldErrors();
    let code: unknown;
    for (const item of items) {
      if (!isRecord(item)) {
        messages.push(item);
        continue;
      }
      messages.push(item.message);
      code ??= item.errorCode ?? item.code;
      for (const field of boundedItems(item.fields)) fieldErrors.add(field, item.message);
    }
    return decoded('error-list', ctx, { messages, fieldErrors, code });
  },
};
