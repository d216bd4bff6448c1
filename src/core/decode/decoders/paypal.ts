import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, FieldErrors, isRecord, isToken } from '../util.ts';

/**
 * PayPal REST errors: `{name, message, debug_id, details:[{field, value, location, issue,
 * description}], links:[{href, rel:"information_link"}]}`; `debug_id` is PayPal's correlation id.
 */
export const paypal: JsonDecoder = {
  id: 'paypal',
  decode(value, ctx) {
    if (!isRecord(value) || typeof value.name !== 'string' || !isToken(value.name)) return null;
    if (typeof value.message !== 'string') return null;
    if (typeof value.debug_id !== 'string' && !Array.isArray(value.details)) return null;
    const messages: unknown[] = [value.message];
    const fieldErrors = new FieldErrors();
    for (const d of boundedItems(value.details)) {
      if (!isRecord(d)) continue;
      const text = d.description ?? d.issue;
      messages.push(d.description);
      fieldErrors.add(d.field, text);
    }
    const info = boundedItems(value.links).find(
      (l) => isRecord(l) && l.rel === 'information_link',
    ) as { href?: unknown } | undefined;
    return decoded('paypal', ctx, {
      messages,
      fieldErrors,
      code: value.name,
      requestId: value.debug_id,
      docs: info?.href,
    });
  },
};
