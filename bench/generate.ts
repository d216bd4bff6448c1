import type { Entry, Har } from 'har-format';

/**
 * A realistic synthetic HAR for benchmarks: traffic to the seed providers and generic APIs,
 * mixed statuses, the error shapes of the seeds and the wider world, and body sizes from a few
 * bytes to tens of kilobytes. Deterministic for a given seed.
 */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = [
  {
    host: 'api.aurorasolar.com',
    path: (n: number) => `/tenants/acme/designs/${n}`,
    key: 'Authorization',
  },
  {
    host: 'api.neo4j.io',
    path: (n: number) => `/v1/instances/${(n * 2654435761).toString(16).slice(0, 8)}`,
    key: 'Authorization',
  },
  {
    host: 'api.evrythng.com',
    path: (n: number) => `/thngs/U${n.toString(36)}abcdEf`,
    key: 'Authorization',
  },
  { host: 'api.example-shop.com', path: (n: number) => `/v2/orders/${n}`, key: 'X-Api-Key' },
  {
    host: 'api.github.com',
    path: (n: number) => `/repos/acme/app/issues/${n}`,
    key: 'Authorization',
  },
];

function item(r: () => number, i: number) {
  return {
    id: `item_${i}_${Math.floor(r() * 1e9)}`,
    name: `Thing ${i}`,
    tags: ['alpha', 'beta', 'gamma'].slice(0, 1 + Math.floor(r() * 3)),
    price: Math.round(r() * 100000) / 100,
    createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    nested: { ok: r() > 0.5, score: r(), notes: 'x'.repeat(Math.floor(r() * 120)) },
  };
}

function successBody(r: () => number, i: number): { mime: string; text: string } {
  const roll = r();
  if (roll < 0.15) {
    return {
      mime: 'application/hal+json',
      text: JSON.stringify({
        _links: { self: { href: `/things/${i}` }, next: { href: `/things?page=${i + 1}` } },
        _embedded: {
          things: Array.from({ length: 5 + Math.floor(r() * 20) }, (_, k) => item(r, k)),
        },
      }),
    };
  }
  const n = roll < 0.6 ? 1 : roll < 0.95 ? 10 + Math.floor(r() * 40) : 150 + Math.floor(r() * 100);
  return {
    mime: 'application/json',
    text: JSON.stringify(
      n === 1 ? item(r, i) : { data: Array.from({ length: n }, (_, k) => item(r, k)) },
    ),
  };
}

const ERROR_BODIES: ((i: number) => { mime: string; text: string; status: number })[] = [
  () => ({ status: 404, mime: 'application/json', text: '' }),
  () => ({
    status: 422,
    mime: 'application/json',
    text: JSON.stringify({
      error: {
        name: ["can't be blank"],
        roof_pitch: ['must be between 0 and 90', 'is not a number'],
      },
    }),
  }),
  () => ({
    status: 400,
    mime: 'application/json',
    text: JSON.stringify({ error: 'design_id is missing, project_id is invalid' }),
  }),
  (i) => ({
    status: 404,
    mime: 'application/json',
    text: JSON.stringify({ errors: [{ message: `DB not found: ${i}`, reason: 'db-not-found' }] }),
  }),
  () => ({
    status: 400,
    mime: 'application/problem+json',
    text: JSON.stringify({
      title: 'Bad Request',
      detail: 'Request failed validation',
      errors: [
        { title: 'invalid_type', detail: '`body.name` is `undefined`, but `string` is expected.' },
      ],
    }),
  }),
  () => ({
    status: 409,
    mime: 'application/json',
    text: JSON.stringify({
      status: 409,
      errors: ['Another resource has the same value for this field.'],
      code: 'ALREADY_EXISTS',
      moreInfo: 'https://developers.evrythng.com/docs/errors',
    }),
  }),
  () => ({
    status: 422,
    mime: 'application/json',
    text: JSON.stringify({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', field: 'color', code: 'invalid' }],
      documentation_url: 'https://docs.github.com/rest',
    }),
  }),
  () => ({
    status: 429,
    mime: 'application/json',
    text: JSON.stringify({ error: 'Too many requests' }),
  }),
  () => ({
    status: 502,
    mime: 'text/html',
    text: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  }),
  () => ({
    status: 500,
    mime: 'application/json',
    text: JSON.stringify({ error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }),
  }),
];

export function generateHar(
  count: number,
  seed = 42,
  bodyScale = 1,
  start = Date.parse('2026-11-23T09:00:00.000Z'),
): Har {
  const r = rng(seed);
  const entries: Entry[] = [];
  let t = start;
  for (let i = 0; i < count; i++) {
    t += Math.floor(r() * 400);
    const h = HOSTS[Math.floor(r() * HOSTS.length)]!;
    const isError = r() < 0.25;
    const method = r() < 0.7 ? 'GET' : r() < 0.5 ? 'POST' : r() < 0.5 ? 'PUT' : 'DELETE';
    let status = 200;
    let body: { mime: string; text: string };
    if (isError) {
      const e = ERROR_BODIES[Math.floor(r() * ERROR_BODIES.length)]!(i);
      status = e.status;
      body = e;
    } else {
      body = successBody(r, i);
      if (bodyScale > 1)
        body = {
          ...body,
          text: JSON.stringify({
            pages: Array.from({ length: bodyScale }, () => JSON.parse(body.text)),
          }),
        };
    }
    const headers = [
      { name: 'content-type', value: body.mime },
      { name: 'x-request-id', value: `req-${i.toString(16)}` },
      ...(status === 429 ? [{ name: 'retry-after', value: String(1 + Math.floor(r() * 30)) }] : []),
    ];
    entries.push({
      startedDateTime: new Date(t).toISOString(),
      time: 20 + Math.floor(r() * 200),
      request: {
        method,
        url: `https://${h.host}${h.path(Math.floor(r() * 5000))}?page=${i % 7}`,
        httpVersion: 'HTTP/1.1',
        headers: [
          {
            name: h.key,
            value:
              h.key === 'Authorization'
                ? `Bearer key-${Math.floor(r() * 3)}`
                : `key-${Math.floor(r() * 3)}`,
          },
          { name: 'accept', value: 'application/json' },
        ],
        queryString: [{ name: 'page', value: String(i % 7) }],
        cookies: [],
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers,
        cookies: [],
        content: { size: body.text.length, mimeType: body.mime, text: body.text },
        redirectURL: '',
        headersSize: -1,
        bodySize: body.text.length,
      },
      cache: {},
      timings: { send: 1, wait: 20, receive: 2 },
    } as Entry);
  }
  return { log: { version: '1.2', creator: { name: 'api-lens-bench', version: '1' }, entries } };
}
