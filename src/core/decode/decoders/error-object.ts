import type { JsonDecoder } from '../decoder.ts';
import { addLabel, hasProse, proseIn } from '../envelope.ts';
import {
  boundedItems,
  codeString,
  decoded,
  FieldErrors,
  isRecord,
  type Json,
  requestIdIn,
  str,
} from '../util.ts';

/**
 * `{"error": {…}}` objects:
 * - Stripe / OpenAI-like: `{message, type, code, param, doc_url}`;
 * - Google AIP-193 `google.rpc.Status`: `{code, message, status, details:[{@type}]}` with
 *   ErrorInfo.reason the most specific code, LocalizedMessage and Help links;
 * - legacy Google: `{code, message, errors:[{domain, reason, message, location}]}`;
 * - OData / Microsoft Graph: `{code, message, target, details, innererror|innerError:{request-id}}`
 *   (Graph: branch on `code`, never on `message`).
 */

const GOOGLE_TYPE = 'type.googleapis.com/google.rpc.';
const MAX_INNER_DEPTH = 5;

function googleDetails(e: Json, found: { messages: unknown[]; code?: unknown; docs?: unknown }) {
  for (const detail of boundedItems(e.details)) {
    if (!isRecord(detail)) continue;
    const type = detail['@type'];
    if (type === `${GOOGLE_TYPE}ErrorInfo`) found.code ??= detail.reason;
    else if (type === `${GOOGLE_TYPE}LocalizedMessage`) found.messages.push(detail.message);
    else if (type === `${GOOGLE_TYPE}Help`) {
      const link = boundedItems(detail.links).find(isRecord);
      found.docs ??= link?.url;
    }
  }
}

export const errorObject: JsonDecoder = {
  id: 'error-object',
  decode(value, ctx) {
    if (!isRecord(value) || !isRecord(value.error)) return null;
    const e = value.error;
    const found: { messages: unknown[]; code?: unknown; docs?: unknown; requestId?: unknown } = {
      // `message`, and any other prose beside it (`description`, `detail`…), in document order.
      messages: proseIn(e),
      docs: e.doc_url ?? e.documentation_url,
      requestId: requestIdIn(e) ?? requestIdIn(value),
    };
    const fieldErrors = new FieldErrors();
    let format = 'error-object';

    if (boundedItems(e.details).some((d) => isRecord(d) && typeof d['@type'] === 'string')) {
      format = 'google-rpc-status';
      googleDetails(e, found);
    } else if (Array.isArray(e.errors)) {
      format = 'google-legacy';
      for (const item of boundedItems(e.errors)) {
        if (!isRecord(item)) continue;
        found.messages.push(item.message);
        found.code ??= item.reason;
        fieldErrors.add(item.location, item.message);
      }
    }

    let inner = e.innererror ?? e.innerError;
    if (isRecord(inner) || 'target' in e) format = 'odata-error';
    for (const d of Array.isArray(e.details) && format !== 'google-rpc-status'
      ? boundedItems(e.details)
      : []) {
      if (!isRecord(d)) continue;
      found.messages.push(d.message);
      fieldErrors.add(d.target, d.message);
    }
    for (let depth = 0; depth < MAX_INNER_DEPTH && isRecord(inner); depth++) {
      found.messages.push(inner.message);
      found.requestId ??= requestIdIn(inner);
      inner = inner.innererror ?? inner.innerError;
    }

    fieldErrors.add(str(e.param), e.message);
    // `{"error": {"title", "detail"}}` and kin: members this shape does not read are the
    // generic walk's, which tells the sentences from the title.
    if (!found.messages.some((m) => str(m)) && hasProse(e, ['message'])) return null;
    // A string `code` names the error (Stripe, OData); google's numeric `code` repeats the HTTP status.
    found.code ??=
      (typeof e.code === 'string' ? e.code : undefined) ??
      str(e.status) ??
      e.type ??
      codeString(e.code);
    addLabel(e, found);
    return decoded(format, ctx, { ...found, fieldErrors });
  },
};
