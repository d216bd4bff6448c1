import type { JsonDecoder } from '../decoder.ts';
import { decoded, isRecord } from '../util.ts';

/**
 * `ok: false` envelopes on 200 (Slack Web API: `{"ok":false,"error":"invalid_auth"}`; the error
 * is a code, `response_metadata.messages` may add prose; Telegram adds `description`).
 */
export const okFalse: JsonDecoder = {
  id: 'ok-false',
  onSuccess: true,
  decode(value, ctx) {
    if (!isRecord(value) || value.ok !== false) return null;
    const meta = isRecord(value.response_metadata) ? value.response_metadata : {};
    const extra = Array.isArray(meta.messages) ? meta.messages : [];
    return decoded('ok-false', ctx, {
      isError: true,
      messages: [value.description, value.message, ...extra],
      code: value.error ?? value.error_code,
    });
  },
};
