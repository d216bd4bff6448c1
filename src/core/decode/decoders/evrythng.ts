import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, isRecord } from '../util.ts';

/**
 * EVRYTHNG legacy errors (evrythng-legacy-verbs-and-errors seed): `{status, errors:[strings],
 * code, moreInfo}` — "All error objects have status and errors properties"; `moreInfo` may be "".
 */
export const evrythng: JsonDecoder = {
  id: 'evrythng',
  decode(value, ctx) {
    if (!isRecord(value) || typeof value.status !== 'number' || !Array.isArray(value.errors)) {
      return null;
    }
    const errors = boundedItems(value.errors);
    if (errors.length === 0 || !errors.every((e) => typeof e === 'string')) return null;
    return decoded('evrythng', ctx, {
      messages: [...errors],
      code: value.code,
      docs: value.moreInfo,
    });
  },
};
