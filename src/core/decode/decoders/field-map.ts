import type { JsonDecoder } from '../decoder.ts';
import {
  boundedEntries,
  decoded,
  FieldErrors,
  isRecord,
  isStringList,
  MAX_FIELDS,
} from '../util.ts';

/**
 * An object keyed directly by field names, each holding a list of messages (Django REST
 * framework's default validation response; non-field errors under `non_field_errors`).
 */
export const fieldMap: JsonDecoder = {
  id: 'field-map',
  decode(value, ctx) {
    if (!isRecord(value)) return null;
    const entries = boundedEntries(value, MAX_FIELDS + 1);
    if (entries.length === 0 || entries.length > MAX_FIELDS) return null;
    const ok = entries.every(([, v]) => isStringList(v));
    if (!ok) return null;
    const messages: unknown[] = [];
    const fieldErrors = new FieldErrors();
    fieldErrors.addMap(value, messages);
    return decoded('field-map', ctx, { messages, fieldErrors });
  },
};
