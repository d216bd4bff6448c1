import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSentence } from './envelope.ts';
import { decodeBody } from './index.ts';

const decode = (body: unknown, status = 400) =>
  decodeBody({ status, mimeType: 'application/json', text: JSON.stringify(body) });

describe('envelopes with a code or title and sentences', () => {
  it('Spring: the message is the message, "Bad Request" the title', () => {
    const d = decode({
      timestamp: '2026-01-01T00:00:00Z',
      status: 400,
      error: 'Bad Request',
      message: 'Name must not be empty',
      path: '/users',
    });
    expect(d).toMatchObject({ messages: ['Name must not be empty'], code: 'Bad Request' });
  });

  it('Rails: a CamelCase error name and a list of sentences', () => {
    const d = decode({ error: 'RecordNotFound', description: ["Couldn't find User with 'id'=3"] });
    expect(d).toMatchObject({
      messages: ["Couldn't find User with 'id'=3"],
      code: 'RecordNotFound',
    });
  });

  it('nested under "error", and beside an errors list', () => {
    expect(decode({ error: { title: 'Not Found', detail: 'No user 3 exists.' } })).toMatchObject({
      messages: ['No user 3 exists.'],
      code: 'Not Found',
    });
    expect(
      decode({ error: 'Unprocessable Entity', errors: ['Name is too short, minimum is 3.'] }),
    ).toMatchObject({
      messages: ['Name is too short, minimum is 3.'],
      code: 'Unprocessable Entity',
    });
  });

  it('keeps a title that cannot be the code (a code member exists) after the sentences', () => {
    const d = decode({
      code: 'E4021',
      error: 'Bad Request',
      message: 'The date must be in the future.',
    });
    expect(d).toMatchObject({
      messages: ['The date must be in the future.', 'Bad Request'],
      code: 'E4021',
    });
  });

  it('leaves a lone string, two titles, or OAuth 2 as they were', () => {
    expect(decode({ error: 'Not Found' })).toMatchObject({ messages: ['Not Found'] });
    expect(decode({ error: 'Not Found', message: 'Resource Missing' }).messages).toEqual([
      'Not Found',
      'Resource Missing',
    ]);
    expect(
      decode({ error: 'invalid_grant', error_description: 'The code expired.' }),
    ).toMatchObject({
      format: 'oauth2-error',
      messages: ['The code expired.'],
      code: 'invalid_grant',
    });
  });

  it('tells sentences from titles and codes by shape', () => {
    for (const s of [
      'Name must not be empty',
      'Token expired.',
      'The quota of this key is exhausted for today',
    ])
      expect(isSentence(s), s).toBe(true);
    for (const s of [
      'Bad Request',
      'RecordNotFound',
      'Too Many Requests',
      'Conflict',
      'Method Not Allowed',
      'Terms of Service Violation',
    ])
      expect(isSentence(s), s).toBe(false);
  });
});

describe('envelope property: any member names and values of the shape', () => {
  const word = fc.stringMatching(/^[a-z]{2,9}$/);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  // A sentence: 3–12 words starting with a capital, ending with a full stop, or 6+ words without.
  const sentence = fc
    .tuple(fc.array(word, { minLength: 3, maxLength: 12 }), fc.boolean())
    .map(([ws, stop]) => {
      const text = [cap(ws[0]!), ...ws.slice(1)].join(' ');
      return stop || ws.length >= 6 ? `${text}${stop ? '.' : ''}` : `${text}.`;
    });
  // A short string: CamelCase, snake_case or UPPER_CASE code, or a Title Case title of 1–4 words.
  const short = fc.oneof(
    fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.map(cap).join('')),
    fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => ws.join('_')),
    fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join('_').toUpperCase()),
    fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.map(cap).join(' ')),
  );
  const casing = (name: string) =>
    fc.constantFrom(
      name,
      name.toUpperCase(),
      cap(name),
      name.replace(/_(\w)/g, (_, c) => c.toUpperCase()),
    );
  const labelName = fc.constantFrom('error', 'title', 'reason').chain(casing);
  const proseName = fc
    .constantFrom('message', 'description', 'detail', 'details', 'msg', 'error_message')
    .chain(casing);
  // Unrelated members: names no decoder reads, values that are not prose.
  const noise = fc.dictionary(
    fc.stringMatching(/^x_[a-z]{1,8}$/),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
    { maxKeys: 4 },
  );

  it('the sentences are the messages, in order; the short string is the code', () => {
    fc.assert(
      fc.property(
        labelName,
        short,
        fc.uniqueArray(proseName, { minLength: 1, maxLength: 2, selector: (n) => n.toLowerCase() }),
        fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), {
          minLength: 2,
          maxLength: 2,
        }),
        fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        noise,
        fc.boolean(),
        fc.boolean(),
        (label, title, proses, texts, asList, extra, labelFirst, nested) => {
          // `title` + `detail` at the top is RFC 9457's shape, whose title leads by definition
          // (problem-details decoder, corpus): not this envelope.
          fc.pre(nested || !(label === 'title' && proses.includes('detail')));
          const members: Array<[string, unknown]> = proses.map((name, i) => [
            name,
            asList[i] ? texts[i] : texts[i]![0],
          ]);
          const sentences = proses.flatMap((_, i) => (asList[i] ? texts[i]! : [texts[i]![0]!]));
          if (labelFirst) members.unshift([label, title]);
          else members.push([label, title]);
          const envelope = { ...extra, ...Object.fromEntries(members) };
          const d = decode(nested ? { error: envelope } : envelope);
          // Messages are deduplicated (decode/normalize.ts), in document order.
          expect(d.messages).toEqual([...new Set(sentences)]);
          expect(d.code).toBe(title);
        },
      ),
      { numRuns: 300 },
    );
  });
});
