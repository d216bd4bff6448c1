import type { IncomingMessage, ServerResponse } from 'node:http';

/** What an emulated API sees: the parsed request, its body, and the injected clock. */
export interface FixtureRequest {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  now: number;
  /** A request id unique within this server (X-Request-Id). */
  requestId: string;
}

export interface FixtureResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON with `type`; strings as they are; undefined sends no body. */
  body?: unknown;
  type?: string;
}

export type Handler = (req: FixtureRequest) => FixtureResponse;

export const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  type = 'application/json',
): FixtureResponse => ({
  status,
  body,
  headers,
  type,
});

// The page on demo.apilens.test calls the API hosts cross-origin: allow it, and expose the
// headers API Lens reads (a real API would have to do the same for a browser client).
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, X-Api-Key',
  'Access-Control-Expose-Headers':
    'Retry-After, X-Request-Id, Location, RateLimit, RateLimit-Policy, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
  'Access-Control-Max-Age': '600',
};

export function send(res: ServerResponse, r: FixtureResponse): void {
  const headers: Record<string, string> = { ...CORS_HEADERS, ...r.headers };
  let payload: string | undefined;
  if (r.body !== undefined) {
    payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    headers['Content-Type'] ??= r.type ?? 'application/json';
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** The Bearer token (RFC 6750 §2.1), or undefined when Authorization carries none. */
export function bearer(req: FixtureRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}
