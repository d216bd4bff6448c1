import type { TextBodyDecoder } from '../decoder.ts';
import { xmlLeaves } from '../markup.ts';
import { decoded } from '../util.ts';

/**
 * SOAP faults. 1.1 (W3C Note §4.4): `<Fault><faultcode/><faultstring/><detail/>`; 1.2 (Part 1
 * §5.4): `<Fault><Code><Value/><Subcode><Value/></Subcode></Code><Reason><Text/></Reason><Detail/>`,
 * where the innermost Value is the most specific code. Message-like leaves inside the detail are
 * kept too.
 */
const DETAIL_MESSAGES = new Set(['message', 'description', 'errormessage', 'error', 'text']);

export const soapFault: TextBodyDecoder = {
  id: 'soap-fault',
  decode(ctx) {
    const head = ctx.text.slice(0, 4096);
    if (!/<([\w.-]+:)?Envelope[\s>]/.test(head) || !/<([\w.-]+:)?Fault[\s>]/.test(ctx.text))
      return null;
    const messages: string[] = [];
    let faultcode: string | undefined;
    let value: string | undefined;
    for (const leaf of xmlLeaves(ctx.text)) {
      const name = leaf.name.toLowerCase();
      if (name === 'faultcode') faultcode ??= leaf.text;
      else if (leaf.name === 'Value') value = leaf.text;
      else if (name === 'faultstring' || DETAIL_MESSAGES.has(name)) messages.push(leaf.text);
    }
    return decoded('soap-fault', ctx, { messages, code: faultcode ?? value });
  },
};
