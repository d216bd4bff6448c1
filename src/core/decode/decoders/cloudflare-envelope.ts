import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, isRecord } from '../util.ts';

/**
 * Cloudflare API v4 envelope `{success:false, errors:[{code,message}], messages:[], result}`; the
 * errors may be plain strings (cloudflare-go fixtures). `messages` holds informational notes, not errors.
 */
export const cloudflareEnvelope: JsonDecoder = {
  id: 'cloudflare-envelope',
  onSuccess: true,
  decode(value, ctx) {
    if (!isRecord(value) || value.success !== false || !Array.isArray(value.errors)) return null;
    const messages: unknown[] = [];
    let code: unknown;
    for (const item of boundedItems(value.errors)) {
      if (isRecord(item)) {
        messages.push(item.message);
        code ??= item.code;
      } else messages.push(item);
    }
    return decoded('cloudflare-envelope', ctx, { isError: true, messages, code });
  },
};
