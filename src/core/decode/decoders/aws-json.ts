import type { JsonDecoder } from '../decoder.ts';
import { decoded, isRecord } from '../util.ts';

/**
 * AWS JSON protocols (awsJson1_0/1_1, e.g. DynamoDB): `{"__type": "ns#Code", "message"}`; the
 * code is the part after '#' and before any ':' (Smithy's error-type rules), the message member
 * may be spelled `message` or `Message`.
 */
export const awsJson: JsonDecoder = {
  id: 'aws-json',
  decode(value, ctx) {
    if (!isRecord(value) || typeof value.__type !== 'string') return null;
    const afterHash = value.__type.slice(value.__type.lastIndexOf('#') + 1);
    return decoded('aws-json', ctx, {
      messages: [value.message ?? value.Message ?? value.errorMessage],
      code: afterHash.split(':', 1)[0],
    });
  },
};
