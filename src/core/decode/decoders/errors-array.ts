import type { JsonDecoder } from '../decoder.ts';
import { addLabel } from '../envelope.ts';
import {
  boundedItems,
  decoded,
  FieldErrors,
  httpUrl,
  isRecord,
  requestIdIn,
  str,
} from '../util.ts';

/**
 * A top-level `errors` array of objects or strings:
 * - JSON:API (jsonapi.org "Error Objects"): `{title, detail, code, status, source:{pointer|parameter|header}}`;
 * - Neo4j Aura (aura-cli response.go): `{message, reason, field?}`;
 * - SendGrid: `{field, message, help}`;
 * - GitHub: a top-level `message` and `documentation_url`, items `{resource, field, code}` whose
 *   only content is a code (kept as the field's value, per the corpus README).
 * GraphQL, Cloudflare and EVRYTHNG `errors` arrays are decoded earlier in the registry.
 */
export const errorsArray: JsonDecoder = {
  id: 'errors-array',
  decode(value, ctx) {
    if (!isRecord(value) || !Array.isArray(value.errors) || value.errors.length === 0) return null;
    const messages: unknown[] = [value.message];
    const fieldErrors = new FieldErrors();
    let code: unknown;
    let jsonapi = 'jsonapi' in value;
    for (const item of boundedItems(value.errors)) {
      if (typeof item === 'string') {
        messages.push(item);
        continue;
      }
      if (!isRecord(item)) continue;
      const source = isRecord(item.source) ? item.source : undefined;
      if (source || 'title' in item || 'detail' in item) jsonapi = true;
      const prose = str(item.detail) ?? str(item.message) ?? str(item.title);
      messages.push(item.title, item.detail, item.message);
      const field =
        str(source?.pointer) ??
        str(source?.parameter) ??
        str(source?.header) ??
        str(item.field) ??
        str(item.pointer) ??
        str(item.param);
      // An item with no prose is described by its code: that code is the field's, not the response's.
      if (field !== undefined) fieldErrors.add(field, prose ?? item.code);
      if (prose !== undefined) code ??= item.code ?? item.reason;
    }
    const found = { messages, code };
    addLabel(value, found);
    return decoded(jsonapi ? 'jsonapi' : 'errors-array', ctx, {
      messages,
      code: found.code,
      fieldErrors,
      docs: httpUrl(value.documentation_url),
      requestId: requestIdIn(value),
    });
  },
};
