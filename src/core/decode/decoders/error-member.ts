import type { JsonDecoder } from '../decoder.ts';
import { hasProse } from '../envelope.ts';
import {
  boundedEntries,
  decoded,
  FieldErrors,
  isRecord,
  isStringList,
  isToken,
  str,
} from '../util.ts';

/**
 * A top-level `error` member that is a string or a field → messages hash.
 *
 * Aurora (aurora-api-errors seed): simple `{"error": "some error occurred"}` ("there may have
 * been other errors that were truncated"), comma-separated `{"error": "a, b"}` (split only when the
 * profile says so: a single message may contain ", ") and the error hash
 * `{"error": {"field": ["…"]}}`. OAuth 2 (RFC 6749 §5.2) puts a code there, with optional
 * `error_description` and `error_uri`.
 */

/** `{"error": {"field": ["msg", …], …}}`: every member an array of strings. */
export const errorHash: JsonDecoder = {
  id: 'error-hash',
  decode(value, ctx) {
    if (!isRecord(value) || !isRecord(value.error)) return null;
    const entries = boundedEntries(value.error);
    const isHash = entries.length > 0 && entries.every(([, v]) => isStringList(v));
    if (!isHash) return null;
    const messages: unknown[] = [];
    const fieldErrors = new FieldErrors();
    fieldErrors.addMap(value.error, messages);
    return decoded('error-hash', ctx, { messages, fieldErrors });
  },
};

export const errorString: JsonDecoder = {
  id: 'error-string',
  decode(value, ctx) {
    if (!isRecord(value)) return null;
    const error = str(value.error);
    // Prose beside it (Spring's {error: "Bad Request", message}, Rails' {error, description: […]})
    // makes an envelope: the generic walk tells the sentences from the code or title.
    if (error === undefined || hasProse(value, ['error', 'error_description'])) return null;
    if (Array.isArray(value.errors) && value.errors.length > 0) return null; // errors-array's
    if (isToken(error.trim())) {
      return decoded('oauth2-error', ctx, {
        messages: [value.error_description],
        code: error,
        docs: value.error_uri,
      });
    }
    const messages = ctx.splitCommaSeparated ? error.split(', ') : [error];
    return decoded('error-string', ctx, { messages });
  },
};
