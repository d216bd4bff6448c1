import { credential, type FixtureRequest, type FixtureResponse, json } from './http.ts';
import { SlidingWindowLimiter } from './limiter.ts';

/**
 * Neo4j Aura (seeds/aura-api-v1-overview.txt, aura-api-v1beta3-overview.txt): v1 and the
 * Enterprise-only v1beta3 by path, 125 requests per minute, Retry-After on 429 and on some 5xx,
 * and an X-Request-Id on every response. Creating an instance whose name contains "fail"
 * fails with 500, to show why a blind retry of a create is unsafe.
 */
const KNOWN = 'a1b2c3d4';

export function neo4jAura() {
  const limiter = new SlidingWindowLimiter(125, 60_000);
  const errors = (
    status: number,
    message: string,
    reason: string,
    extra: Record<string, string> = {},
    field?: string,
  ) => json(status, { errors: [{ message, reason, ...(field ? { field } : {}) }] }, extra);
  const handle = (req: FixtureRequest): FixtureResponse => {
    const m = /^\/(v1|v1beta3)\/instances(?:\/([^/]+))?$/.exec(req.path);
    if (!m) return errors(404, 'The requested resource does not exist', 'not-found');
    const key = credential(req);
    if (!key)
      return errors(
        401,
        'Unauthorized: the access token is missing or has expired',
        'unauthorized',
      );
    const rate = limiter.take(key, req.now);
    if (!rate.allowed) {
      return errors(429, 'Too many requests', 'rate-limited', {
        'Retry-After': String(rate.retryAfterSeconds),
      });
    }
    const [, , id] = m;
    if (!id && req.method === 'GET') {
      return json(200, {
        data: [{ id: KNOWN, name: 'Production', tenant_id: 'tenant-1', cloud_provider: 'gcp' }],
      });
    }
    if (!id && req.method === 'POST') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body || '{}') as Record<string, unknown>;
      } catch {
        return errors(400, 'Request body is not valid JSON', 'bad-request');
      }
      if (!body.name) return errors(400, 'name is required', 'invalid-field', {}, 'name');
      if (String(body.name).includes('fail')) {
        return errors(
          500,
          'An internal error occurred while creating the instance',
          'internal-error',
          { 'Retry-After': '10' },
        );
      }
      return json(202, { data: { id: 'e5f6a7b8', name: body.name, status: 'creating' } });
    }
    if (id === KNOWN && req.method === 'GET')
      return json(200, { data: { id, name: 'Production', status: 'running' } });
    if (id === KNOWN && req.method === 'DELETE')
      return json(202, { data: { id, status: 'destroying' } });
    return errors(404, `Instance ${id} not found`, 'not-found');
  };
  return { hosts: ['api.neo4j.io'], handle, reset: () => limiter.reset(), requestIds: true };
}
