import { bearer, type FixtureRequest, type FixtureResponse, json } from './http.ts';
import { SlidingWindowLimiter } from './limiter.ts';

/**
 * Neo4j Aura (seeds/aura-api-v1-overview.txt, aura-api-v1beta3-overview.txt): v1 and the
 * Enterprise-only v1beta3 by path, 125 requests per minute, Retry-After on 429 and on some 5xx,
 * and an X-Request-Id on every response. Creating an instance whose name contains "fail"
 * fails with 500, to show why a blind retry of a create is unsafe.
 */
const KNOWN = 'a1b2c3d4';
/** The tenant the demo token belongs to; creating in any other is refused with 403. */
const TENANT = 'tenant-1';

export function neo4jAura() {
  // Both overviews: "Rate limiting is set to 125 requests per minute." (counted per token here;
  // the seeds do not say what is counted).
  const limiter = new SlidingWindowLimiter(125, 60_000);
  // The seeds document no error body. `{"errors": [{"message", "reason", "field"?}]}` is taken
  // from Aura's API specification as we remember it (not vendored, not verified): an assumption.
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
    const key = bearer(req);
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
        data: [{ id: KNOWN, name: 'Production', tenant_id: TENANT, cloud_provider: 'gcp' }],
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
      if (body.tenant_id !== undefined && body.tenant_id !== TENANT) {
        return errors(
          403,
          `You are not authorized to create instances in tenant ${String(body.tenant_id)}`,
          'forbidden',
          {},
          'tenant_id',
        );
      }
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
