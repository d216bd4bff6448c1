import type { FixtureRequest, FixtureResponse } from './http.ts';
import { json } from './http.ts';

/**
 * The HAL + Problem Details API (seeds/hal-problem-api-status-codes.txt) on hal.apilens.test
 * (no host is documented): HAL for 2xx, problem+json with `title` and `detail` for 4xx/5xx, an
 * `errors` collection for validation, 201 on create and 200 when the same create is repeated.
 */
const HAL = 'application/hal+json';
const PROBLEM = 'application/problem+json';

const problem = (
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) => json(status, { type: 'about:blank', title, status, detail, ...extra }, {}, PROBLEM);

export function halProblem() {
  const created = new Set<string>();
  const handle = (req: FixtureRequest): FixtureResponse => {
    const auth = req.headers.authorization;
    // "We follow industry-standard OAuth 2.0": a 401 names the scheme (RFC 6750 §3).
    if (!auth) {
      return {
        ...problem(401, 'Unauthorized', 'The request lacks valid authentication credentials.'),
        headers: { 'WWW-Authenticate': 'Bearer realm="hal.apilens.test"' },
      };
    }
    // A read-only token may read but not write: 403 "credentials are valid but don't have
    // required permissions".
    if (auth === 'Bearer read-only' && req.method !== 'GET')
      return problem(403, 'Forbidden', 'The credentials do not have the orders:write permission.');
    const path = req.path;
    if (path === '/orders' && req.method === 'GET') {
      return json(
        200,
        {
          _links: {
            self: { href: '/orders?page=1' },
            next: { href: '/orders?page=2' },
            find: { href: '/orders{?id}', templated: true },
          },
          _embedded: {
            orders: [
              { id: 1, total: 30, _links: { self: { href: '/orders/1' } } },
              { id: 2, total: 12, _links: { self: { href: '/orders/2' } } },
            ],
          },
          count: 2,
        },
        {},
        HAL,
      );
    }
    if (path === '/orders' && req.method === 'POST') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body || '{}') as Record<string, unknown>;
      } catch {
        return problem(400, 'Bad Request', 'The request body is not well-formed JSON.');
      }
      if (typeof body.name !== 'string') {
        return problem(400, 'Bad Request', 'Request failed validation', {
          errors: [
            {
              title: 'invalid_type',
              detail: '`body.name` is `undefined`, but `string` is expected.',
              pointer: '/name',
            },
          ],
        });
      }
      if (typeof body.total !== 'number' || body.total <= 0) {
        return problem(422, 'Unprocessable Entity', 'The order total must be positive.');
      }
      // "If the resource was already created by a previous execution of the same method … 200 OK."
      const key = req.headers['idempotency-key'] ?? body.name;
      const again = created.has(String(key));
      created.add(String(key));
      return json(
        again ? 200 : 201,
        { id: 3, name: body.name, _links: { self: { href: '/orders/3' } } },
        again ? {} : { Location: '/orders/3' },
        HAL,
      );
    }
    if (path === '/exports' && req.method === 'POST')
      return json(202, { _links: { status: { href: '/exports/7' } }, state: 'queued' }, {}, HAL);
    if (/^\/orders\/\d+$/.test(path)) {
      if (req.method === 'DELETE') return { status: 204 };
      if (req.method === 'PATCH')
        return problem(501, 'Not Implemented', 'Partial updates are not supported; use PUT.');
      if (path !== '/orders/1' && path !== '/orders/2' && path !== '/orders/3')
        return problem(404, 'Not Found', `Order ${path.slice(8)} does not exist.`);
      return json(200, { id: Number(path.slice(8)), _links: { self: { href: path } } }, {}, HAL);
    }
    // RFC 9110 §15.5.6: a 405 lists the allowed methods.
    if (path === '/orders') {
      return {
        ...problem(405, 'Method Not Allowed', `${req.method} is not supported on /orders.`),
        headers: { Allow: 'GET, POST' },
      };
    }
    if (path === '/uploads' && req.method === 'POST')
      return problem(413, 'Content Too Large', 'Uploads are limited to 1 MB.');
    // The rest of the seed's tables, one endpoint each.
    if (/^\/orders\/\d+\/cancel$/.test(path) && req.method === 'POST')
      return problem(409, 'Conflict', 'The order is being changed by another request.');
    if (path === '/search') {
      return {
        ...problem(429, 'Too Many Requests', 'The rate limit for this token was exceeded.'),
        headers: { 'Retry-After': '30' },
      };
    }
    if (path === '/reports')
      return problem(503, 'Service Unavailable', 'Reporting is temporarily unavailable.');
    return problem(404, 'Not Found', 'The specified resource does not exist.');
  };
  return { hosts: ['hal.apilens.test'], handle, reset: () => created.clear() };
}
