import type { TextBodyDecoder } from '../decoder.ts';
import { xmlLeaves, xmlRootName } from '../markup.ts';
import { decoded } from '../util.ts';

/**
 * Flat XML errors: Amazon S3 `<Error><Code/><Message/><RequestId/></Error>`, the AWS query
 * protocol's `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>`, Twilio's legacy
 * `<TwilioResponse><RestException><Code/><Message/><MoreInfo/></RestException>`, and any other
 * XML whose leaves have message-like names.
 */
const MESSAGE_NAMES = new Set([
  'message',
  'errormessage',
  'description',
  'detail',
  'title',
  'reason',
  'error',
]);

function formatFor(root: string | undefined): string {
  if (root === 'Error' || root === 'ErrorResponse') return 'aws-xml';
  if (root === 'TwilioResponse') return 'twilio-xml';
  return 'xml';
}

export const xmlError: TextBodyDecoder = {
  id: 'xml',
  decode(ctx) {
    if (!/^\s*</.test(ctx.text.slice(0, 256))) return null;
    const messages: string[] = [];
    let code: string | undefined;
    let requestId: string | undefined;
    let docs: string | undefined;
    for (const leaf of xmlLeaves(ctx.text)) {
      const name = leaf.name.toLowerCase();
      if (MESSAGE_NAMES.has(name)) messages.push(leaf.text);
      else if (name === 'code' || name === 'errorcode') code ??= leaf.text;
      else if (name === 'requestid' || name === 'request-id') requestId ??= leaf.text;
      else if (name === 'moreinfo') docs ??= leaf.text;
    }
    return decoded(formatFor(xmlRootName(ctx.text)), ctx, { messages, code, requestId, docs });
  },
};
