import type { Entry, Har } from 'har-format';
import type { ProfileInput } from '../../profiles/schema.ts';

/**
 * A HAR with secrets planted in unusual places (issue 8 §3), for the unit test, the CLI and
 * panel e2e specs and the before/after count. Every secret is a distinct string; a redacted
 * output must contain none of them. Not used by product code.
 */

/** The user profile the planted HAR is annotated with (the README's own example, plus a key param). */
export const PLANTED_PROFILE: ProfileInput = {
  id: 'acme',
  name: 'ACME Billing API',
  match: { hosts: ['api.acme.test'], pathPrefixes: ['/v2'] },
  rateLimit: { limit: 600, windowSeconds: 60 },
  keyHeaders: ['X-Acme-Key'],
  keyQueryParams: ['acct'],
};

const T0 = Date.UTC(2026, 10, 3, 12, 0, 0);

/** A distinct, unguessable-looking secret per place: `PLNT` + tag + a fixed tail. */
const s = (tag: string) => `PLNT${tag}q8Zr4Wx`;

function jwt(tag: string): string {
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: tag })}.${s(`${tag}sig`)}Ab3dE`;
}

interface Plant {
  /** Where it is planted, for the report. */
  where: string;
  secret: string;
}

const plants: Plant[] = [];
const plant = (where: string, secret: string) => {
  plants.push({ where, secret });
  return secret;
};

const h = (name: string, value: string) => ({ name, value });

function entry(i: number, e: Partial<Entry> & { request: Entry['request'] }): Entry {
  return {
    startedDateTime: new Date(T0 + i * 1000).toISOString(),
    time: 20,
    cache: {},
    timings: { send: 1, wait: 18, receive: 1 },
    _resourceType: 'fetch',
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [h('Content-Type', 'application/json')],
      cookies: [],
      content: { size: 2, mimeType: 'application/json', text: '{}' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    ...e,
  } as Entry;
}

function request(method: string, url: string, headers: Entry['request']['headers'] = []) {
  return {
    method,
    url,
    httpVersion: 'HTTP/1.1',
    headers,
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: -1,
  } as Entry['request'];
}

function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
}

function deepJson(depth: number, inner: string): string {
  return `${'{"n":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

function build(): Har {
  const bearer = plant('Authorization bearer, echoed in the error body', s('bearer'));
  const acmeKey = plant('profile keyHeaders X-Acme-Key', s('acmekey'));
  const acct = plant('profile keyQueryParams ?acct=', s('acct'));
  const userinfoPass = plant('URL userinfo password', s('uipass'));
  const fragment = plant('URL fragment #access_token=', s('frag'));
  const sessionId = plant('query session_id', s('sessid'));
  const queryJwt = plant('query jwt=', jwt('qjwt'));
  const phpsess = plant('query PHPSESSID', s('phpsess'));
  const oauthCode = plant('query OAuth code', s('oacode'));
  const sig = plant('query sig (SAS)', s('sassig'));
  const accessKey = plant('query access_key', s('acckey'));
  const amzSig = plant('query X-Amz-Signature in the URL only', s('amzsig'));
  const e1 = entry(0, {
    request: {
      ...request(
        'POST',
        `https://shop:${userinfoPass}@api.acme.test/v2/charges?acct=${acct}&session_id=${sessionId}&jwt=${queryJwt}&PHPSESSID=${phpsess}&code=${oauthCode}&sig=${sig}&access_key=${accessKey}&X-Amz-Signature=${amzSig}&page=2#access_token=${fragment}&state=ok`,
        [
          h('Authorization', `Bearer ${bearer}`),
          h('X-Acme-Key', acmeKey),
          h(':path', `/v2/charges?acct=${acct}&session_id=${sessionId}`),
          h('Ocp-Apim-Subscription-Key', plant('header Ocp-Apim-Subscription-Key', s('apim'))),
          h('X-Parse-Master-Key', plant('header X-Parse-Master-Key', s('parse'))),
          h('AccessKey', plant('header AccessKey', s('accesskeyh'))),
          h('x-goog-api-key', plant('header x-goog-api-key', s('goog'))),
          h('Idempotency-Key', 'idem-0001-kept'),
          h(
            'Referer',
            `https://app.acme.test/checkout?token=${plant('Referer ?token=', s('referer'))}`,
          ),
        ],
      ),
      queryString: [h('acct', acct), h('session_id', sessionId), h('page', '2')],
      postData: {
        mimeType: 'application/json',
        text: JSON.stringify({
          amount: 100,
          secret_key: plant('JSON member secret_key', s('snake')),
          SecretAccessKey: plant('JSON member SecretAccessKey', s('pascal')),
          clientSecret: plant('JSON member clientSecret', s('camel')),
          ApiToken: plant('JSON member ApiToken', s('apitok')),
        }),
      },
    },
    response: {
      status: 401,
      statusText: 'Unauthorized',
      httpVersion: 'HTTP/1.1',
      headers: [
        h('Content-Type', 'application/json'),
        h('WWW-Authenticate', 'Bearer realm="acme"'),
        h('Content-Security-Policy', "default-src 'none'"),
        h('X-Request-Id', 'req-planted-1'),
      ],
      cookies: [],
      content: {
        size: 1,
        mimeType: 'application/json',
        text: JSON.stringify({ error: `token ${bearer} is not valid for key ${acmeKey}` }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    _url: `https://api.acme.test/v2/charges?token=${plant('custom _url ?token=', s('customurl'))}`,
  } as unknown as Partial<Entry> & { request: Entry['request'] });

  const apiKey = plant('X-Api-Key, echoed in _full_url and a later entry', s('xapikey'));
  const cookie = plant('Cookie session, echoed in the response body', s('cookie'));
  const setCookie = plant('Set-Cookie value, echoed in a later entry', s('setcookie'));
  const echoJwt = plant('JWT bearer echoed in the error message', jwt('echo'));
  const authToken = plant('X-Auth-Token echoed in a response header', s('xauth'));
  const e2 = entry(1, {
    request: {
      ...request('GET', `https://api.example.test/v1/me?page_size=10`, [
        h('X-Api-Key', apiKey),
        h('Cookie', `theme=dark; sid=${cookie}`),
        h('Proxy-Authorization', `Basic ${btoa(`proxyuser:${s('basicpw')}`)}`),
        h('X-Auth-Token', authToken),
      ]),
      cookies: [{ name: 'sid', value: cookie }],
    },
    response: {
      status: 302,
      statusText: 'Found',
      httpVersion: 'HTTP/1.1',
      headers: [
        h('Content-Type', 'application/json'),
        h('Set-Cookie', `session=${setCookie}; HttpOnly; Path=/`),
        h(
          'Location',
          `https://app.example.test/cb?access_token=${plant('Location ?access_token=', s('location'))}`,
        ),
        h('X-Debug-Echo', `saw token ${authToken}`),
      ],
      cookies: [{ name: 'session', value: setCookie }],
      content: {
        size: 1,
        mimeType: 'application/json',
        text: JSON.stringify({ you: `sid ${cookie}`, note: `proxy password ${s('basicpw')}` }),
      },
      redirectURL: `https://app.example.test/cb?code=${plant('redirectURL ?code=', s('redirect'))}`,
      headersSize: -1,
      bodySize: -1,
    },
    _full_url: `https://api.example.test/v1/me?k=${apiKey}`,
  } as unknown as Partial<Entry> & { request: Entry['request'] });
  plant('Proxy-Authorization Basic password, echoed in the body', s('basicpw'));

  const e3 = entry(2, {
    request: {
      ...request(
        'POST',
        `https://api.example.test/v1/orders?X-Amz-Credential=${plant('query X-Amz-Credential', s('amzcred'))}`,
        [
          h('Authorization', `Bearer ${echoJwt}`),
          h('Signature', `sig1=:${plant('header Signature (RFC 9421)', s('rfcsig'))}:`),
        ],
      ),
      postData: {
        mimeType: 'application/json',
        text: JSON.stringify({ User: 'a', Password: plant('JSON member Password', s('pwpascal')) }),
      },
    },
    response: {
      status: 403,
      statusText: 'Forbidden',
      httpVersion: 'HTTP/1.1',
      headers: [
        h('Content-Type', 'application/json'),
        h('X-Amz-Security-Token', plant('response header X-Amz-Security-Token', s('amztok'))),
        h(
          'Content-Location',
          `/v1/orders?session_id=${plant('Content-Location ?session_id=', s('contloc'))}`,
        ),
      ],
      cookies: [],
      content: {
        size: 1,
        mimeType: 'application/json',
        text: JSON.stringify({
          message: `token ${echoJwt} expired; earlier key ${apiKey}; cookie ${setCookie}`,
        }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
  });

  // Bodies of every kind.
  const big = plant('api_key at the end of a JSON body over 8 MiB', s('bigjson'));
  const deep = plant('password 6,000 levels deep', s('deepjson'));
  const bodies: [string, string | undefined, string, string?][] = [
    ['application/json', undefined, `\uFEFF{"password":"${plant('JSON with a BOM', s('bom'))}"}`],
    [
      'application/json',
      undefined,
      `)]}'\n{"access_token":"${plant('JSON with an XSSI prefix', s('xssi'))}"}`,
    ],
    [
      'application/json',
      undefined,
      `{"refresh_token":"${plant('JSON with trailing commas', s('trailing'))}",}`,
    ],
    [
      'application/json',
      undefined,
      `{"items":[${'"0123456789abcdef",'.repeat(480_000)}"x"],"api_key":"${big}"}`,
    ],
    ['application/json', undefined, deepJson(6000, `{"password":"${deep}"}`)],
    [
      'application/json',
      undefined,
      JSON.stringify({
        query: 'mutation Login($input: LoginInput!) { login(input: $input) { ok } }',
        variables: {
          input: { user: 'a', password: plant('GraphQL variables password', s('gql')) },
        },
      }),
    ],
    [
      'application/json',
      undefined,
      JSON.stringify({
        payload: JSON.stringify({ apiKey: plant('double-encoded JSON apiKey', s('double')) }),
      }),
    ],
    [
      'application/xml',
      undefined,
      `<Login><User>a</User><Password>${plant('XML <Password>', s('xml'))}</Password></Login>`,
    ],
    [
      'application/json',
      undefined,
      JSON.stringify({
        Credentials: { SessionToken: plant('AWS STS SessionToken', s('stssess')) },
        AccessKeyId: 'ASIAEXAMPLEKEPT',
      }),
    ],
    [
      'application/json',
      'base64',
      btoa(JSON.stringify({ private_key: plant('base64 JSON private_key', s('b64json')) })),
    ],
  ];
  const e4 = bodies.map(([mimeType, encoding, text], i) =>
    entry(3 + i, {
      request: request('GET', `https://api.example.test/v1/bodies/${i}`),
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers: [h('Content-Type', mimeType)],
        cookies: [],
        content: { size: text.length, mimeType, text, ...(encoding ? { encoding } : {}) },
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
    }),
  );

  // Request bodies: forms of every kind, and a base64 body without a mime type.
  const b64Token = plant('base64 body without a mime type echoing the bearer', s('b64echo'));
  const boundary = '----apilensBoundary7MA4YWxk';
  const forms: [string, string][] = [
    [
      'application/x-www-form-urlencoded',
      `grant_type=client_credentials&client_secret=${plant('urlencoded client_secret', s('form'))}`,
    ],
    [
      `multipart/form-data; boundary=${boundary}`,
      `--${boundary}\r\nContent-Disposition: form-data; name="user"\r\n\r\na\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n${plant('multipart password', s('multipart'))}\r\n--${boundary}--\r\n`,
    ],
    ['text/plain', `user=a\r\napi_key=${plant('text/plain form api_key', s('plainform'))}\r\n`],
  ];
  const e5 = forms.map(([mimeType, text], i) =>
    entry(20 + i, {
      request: {
        ...request('POST', 'https://api.example.test/v1/forms'),
        postData: { mimeType, text },
      },
    }),
  );
  const e6 = entry(30, {
    request: {
      ...request('POST', 'https://api.example.test/v1/login', [
        h('Authorization', `Bearer ${b64Token}`),
      ]),
      postData: {
        mimeType: 'application/x-www-form-urlencoded',
        text: 'user=a&password=x',
        params: [
          { name: 'user', value: 'a' },
          { name: 'password', value: plant('postData.params password', s('params')) },
        ],
      },
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 1, mimeType: '', text: btoa(`welcome ${b64Token}`), encoding: 'base64' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    _webSocketMessages: [
      {
        type: 'send',
        time: 1,
        opcode: 1,
        data: JSON.stringify({ type: 'auth', token: plant('WebSocket frame token', s('wsframe')) }),
      },
      { type: 'receive', time: 2, opcode: 1, data: `hello ${b64Token}` },
    ],
    _auth: { password: plant('custom field _auth.password', s('customobj')) },
    _deep: nested(300, { secret: plant('custom field 300 levels deep', s('customdeep')) }),
  } as unknown as Partial<Entry> & { request: Entry['request'] });

  const tokenUrl = plant('URL ?access_token=, echoed in log.pages title', s('pagetitle'));
  const e7 = entry(31, {
    request: request('GET', `https://api.example.test/v1/feed?access_token=${tokenUrl}`),
    response: {
      status: 500,
      statusText: 'Internal Server Error',
      httpVersion: 'HTTP/1.1',
      headers: [h('Content-Type', 'application/json'), h('X-Request-Id', 'req-planted-7')],
      cookies: [],
      content: {
        size: 1,
        mimeType: 'application/json',
        text: JSON.stringify({ error: { message: `upstream rejected ${tokenUrl}` } }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
  });
  const tokenUser = plant('URL userinfo token (https://TOKEN@host)', s('uitoken'));
  const e8 = entry(32, {
    request: request('GET', `https://${tokenUser}@api.example.test/v1/repo`),
  });

  return {
    log: {
      version: '1.2',
      creator: { name: 'planted', version: '1' },
      pages: [
        {
          startedDateTime: new Date(T0).toISOString(),
          id: 'page_1',
          title: `https://app.example.test/feed?access_token=${tokenUrl}`,
          pageTimings: {},
        },
      ],
      entries: [e1, e2, e3, ...e4, ...e5, e6, e7, e8],
    },
  };
}

export interface PlantedHar {
  har: Har;
  plants: readonly Plant[];
}

/** A fresh copy of the planted HAR and the list of what was planted where. */
export function plantedHar(): PlantedHar {
  plants.length = 0;
  const har = build();
  return { har, plants: [...plants] };
}

/** The planted secrets still present in `text`. */
export function survivors(text: string, planted: readonly Plant[]): Plant[] {
  return planted.filter((p) => text.includes(p.secret));
}
