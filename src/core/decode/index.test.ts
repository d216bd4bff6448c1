import { describe, expect, it } from 'vitest';
import { DECODERS, decodeBody } from './index.ts';

const json = (status: number, body: unknown, mimeType = 'application/json') => ({
  status,
  mimeType,
  text: JSON.stringify(body),
});

describe('seed shapes', () => {
  it('reports an empty body as "empty" (Aurora returns empty 404s)', () => {
    expect(decodeBody({ status: 404, text: '' })).toEqual({
      format: 'empty',
      isError: true,
      messages: [],
    });
    expect(decodeBody({ status: 404 }).format).toBe('empty');
    expect(decodeBody({ status: 404, text: ' \n\t ' }).format).toBe('empty');
  });

  it("decodes Aurora's simple error format as one message", () => {
    const result = decodeBody(json(422, { error: 'some error occurred' }));
    expect(result).toMatchObject({
      format: 'error-string',
      isError: true,
      messages: ['some error occurred'],
    });
  });

  it("splits Aurora's comma-separated errors only when the profile says so", () => {
    const body = json(422, { error: 'some error occurred, some other error occurred' });
    expect(decodeBody(body, { splitCommaSeparated: true }).messages).toEqual([
      'some error occurred',
      'some other error occurred',
    ]);
    expect(decodeBody(body).messages).toEqual(['some error occurred, some other error occurred']);
  });

  it("maps Aurora's error hash to field errors, messages in body order", () => {
    const result = decodeBody(
      json(422, {
        error: {
          field: ['some error occurred', 'some other error occurred'],
          another_field: ['yet another error occurred'],
        },
      }),
    );
    expect(result.format).toBe('error-hash');
    expect(result.messages).toEqual([
      'some error occurred',
      'some other error occurred',
      'yet another error occurred',
    ]);
    expect(result.fieldErrors).toEqual({
      field: ['some error occurred', 'some other error occurred'],
      another_field: ['yet another error occurred'],
    });
  });

  it('decodes the HAL+Problem seed validation problem, preferring item detail over its type-like title', () => {
    const result = decodeBody(
      json(
        400,
        {
          title: 'Bad Request',
          detail: 'Request failed validation',
          errors: [
            {
              title: 'invalid_type',
              detail: '`body.name` is `undefined`, but `string` is expected.',
            },
          ],
        },
        'application/problem+json',
      ),
    );
    expect(result.format).toBe('problem-details');
    expect(result.messages).toEqual([
      'Bad Request',
      'Request failed validation',
      '`body.name` is `undefined`, but `string` is expected.',
    ]);
  });

  it('keys problem errors[] by their JSON pointer', () => {
    const result = decodeBody(
      json(
        422,
        {
          type: 'https://example.net/validation-error',
          title: 'Your request is not valid.',
          errors: [
            { detail: 'must be a positive integer', pointer: '#/age' },
            { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
          ],
        },
        'application/problem+json',
      ),
    );
    expect(result.fieldErrors).toEqual({
      '#/age': ['must be a positive integer'],
      '#/profile/color': ["must be 'green', 'red' or 'blue'"],
    });
    expect(result.code).toBe('https://example.net/validation-error');
  });

  it('decodes problem+xml (RFC 9457 appendix B)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807">' +
      '<type>https://example.com/probs/out-of-credit</type><title>You do not have enough credit.</title>' +
      '<detail>Your current balance is 30, but that costs 50.</detail></problem>';
    const result = decodeBody({ status: 403, mimeType: 'application/problem+xml', text: xml });
    expect(result).toMatchObject({
      format: 'problem-xml',
      messages: [
        'You do not have enough credit.',
        'Your current balance is 30, but that costs 50.',
      ],
      code: 'https://example.com/probs/out-of-credit',
    });
  });

  it('decodes the EVRYTHNG error object: errors as messages, code, moreInfo as docs', () => {
    const result = decodeBody(
      json(401, {
        status: 401,
        errors: ['Access denied, please check your credentials!'],
        code: 33619968,
        moreInfo: 'https://developers.evrythng.com/docs/errors',
      }),
    );
    expect(result).toMatchObject({
      format: 'evrythng',
      messages: ['Access denied, please check your credentials!'],
      code: '33619968',
      docs: 'https://developers.evrythng.com/docs/errors',
    });
    // The seed's own example has an empty moreInfo: no docs link then.
    const seed = decodeBody(
      json(401, { status: 401, errors: ['Denied'], code: 33619968, moreInfo: '' }),
    );
    expect(seed.docs).toBeUndefined();
  });

  it('summarises HAL success bodies: link rels with hrefs, embedded rels with counts', () => {
    const result = decodeBody(
      json(
        200,
        {
          _links: {
            self: { href: '/orders?page=2' },
            next: { href: '/orders?page=3' },
            item: [{ href: '/orders/1' }, { href: '/orders/2' }],
          },
          _embedded: { orders: [{ id: 1 }, { id: 2 }], customer: { id: 7 } },
        },
        'application/hal+json',
      ),
    );
    expect(result.format).toBe('hal');
    expect(result.isError).toBe(false);
    expect(result.hal?.links.map((l) => [l.rel, l.href])).toEqual([
      ['self', '/orders?page=2'],
      ['next', '/orders?page=3'],
      ['item', '/orders/1'],
      ['item', '/orders/2'],
    ]);
    expect(result.hal?.embedded).toEqual([
      { rel: 'orders', count: 2 },
      { rel: 'customer', count: 1 },
    ]);
  });
});

describe('registry', () => {
  it('runs only success decoders on 2xx: an error-shaped 200 body is not an error', () => {
    const result = decodeBody(
      json(200, { error: 'looks like an error', message: 'but the status says success' }),
    );
    expect(result.isError).toBe(false);
    expect(result.messages).toEqual([]);
  });

  it('flags GraphQL errors and ok:false on 200 as errors', () => {
    expect(
      decodeBody(json(200, { data: null, errors: [{ message: 'boom', path: ['x'] }] })),
    ).toMatchObject({
      format: 'graphql-errors',
      isError: true,
      messages: ['boom'],
    });
    expect(decodeBody(json(200, { ok: false, error: 'invalid_auth' }))).toMatchObject({
      format: 'ok-false',
      isError: true,
      code: 'invalid_auth',
    });
  });

  it('does not parse non-object 2xx bodies', () => {
    expect(
      decodeBody({ status: 200, mimeType: 'text/html', text: '<html><title>Home</title></html>' }),
    ).toEqual({
      format: 'text',
      isError: false,
      messages: [],
    });
  });

  it('sniffs JSON served with a non-JSON media type, and text served as JSON', () => {
    expect(
      decodeBody({ status: 400, mimeType: 'text/plain', text: '{"error":"bad thing"}' }).format,
    ).toBe('error-string');
    expect(
      decodeBody({ status: 502, mimeType: 'application/json', text: 'upstream connect error' }),
    ).toMatchObject({
      format: 'text',
      messages: ['upstream connect error'],
    });
  });

  it('finds JSON after any amount of leading whitespace, and calls a whitespace-only base64 body empty', () => {
    const text = `${' \n'.repeat(5000)}{"error":"late start"}`;
    expect(decodeBody({ status: 400, text }).format).toBe('error-string');
    const blank = Buffer.from('   \n').toString('base64');
    expect(decodeBody({ status: 404, text: blank, encoding: 'base64' }).format).toBe('empty');
  });

  it('treats status 0 (no response) as an error', () => {
    expect(decodeBody({ status: 0, text: 'connection reset' }).isError).toBe(true);
  });

  it('describes binary bodies instead of decoding them', () => {
    const result = decodeBody({
      status: 500,
      mimeType: 'image/png',
      text: 'iVBORw0KGgo=',
      encoding: 'base64',
    });
    expect(result.format).toBe('binary');
    expect(result.messages).toEqual(['binary body (8 B, image/png)']);
  });

  it('marks bodies over maxChars truncated and still finds messages in their head', () => {
    const body = `{"message":"first problem","padding":"${'x'.repeat(500)}"}`;
    const result = decodeBody(
      { status: 500, mimeType: 'application/json', text: body },
      { maxChars: 100 },
    );
    expect(result.truncated).toBe(true);
    expect(result.messages).toEqual(['first problem']);
  });

  it('lists decoder ids in trial order: specific JSON shapes first, generic JSON last among JSON, plain text last', () => {
    expect(DECODERS[0]).toBe('problem-details');
    expect(DECODERS.indexOf('json')).toBeGreaterThan(DECODERS.indexOf('hal'));
    expect(DECODERS.indexOf('json')).toBeLessThan(DECODERS.indexOf('problem-xml'));
    expect(DECODERS.at(-1)).toBe('text');
    expect(new Set(DECODERS).size).toBe(DECODERS.length);
  });
});

describe('shapes outside the corpus (its README lists them as gaps)', () => {
  it('takes the message of a bare {"message"} gateway error', () => {
    expect(decodeBody(json(403, { message: 'Forbidden' }))).toMatchObject({
      format: 'json',
      messages: ['Forbidden'],
    });
  });

  it('takes the first lines of a plain-text proxy error', () => {
    const text =
      'upstream connect error or disconnect/reset before headers.\nreset reason: connection failure\n';
    expect(decodeBody({ status: 503, mimeType: 'text/plain', text })).toMatchObject({
      format: 'text',
      messages: [
        'upstream connect error or disconnect/reset before headers.',
        'reset reason: connection failure',
      ],
    });
  });

  it('reads the title and headings of an HTML block page, skipping scripts and styles', () => {
    const page =
      '<!DOCTYPE html><html><head><title>Access denied | Edge</title><script>var s = "<p>not this</p>";</script>' +
      '<style>p { color: red }</style></head><body><h1>Sorry, you have been blocked</h1>' +
      '<p>This site uses a <b>security</b> service.</p></body></html>';
    expect(
      decodeBody({ status: 403, mimeType: 'text/html; charset=UTF-8', text: page }).messages,
    ).toEqual([
      'Access denied | Edge',
      'Sorry, you have been blocked',
      'This site uses a security service.',
    ]);
  });

  it('decodes a JSON string body as its message', () => {
    expect(decodeBody({ status: 500, text: '"Internal failure"' })).toMatchObject({
      format: 'json',
      messages: ['Internal failure'],
    });
  });

  it('keeps an OAuth 2 error code out of the messages (RFC 6749 §5.2)', () => {
    expect(
      decodeBody(
        json(401, { error: 'invalid_token', error_description: 'The access token expired' }),
      ),
    ).toMatchObject({
      format: 'oauth2-error',
      messages: ['The access token expired'],
      code: 'invalid_token',
    });
  });
});
