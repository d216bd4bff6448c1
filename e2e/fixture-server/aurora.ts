import { bearer, type FixtureRequest, type FixtureResponse, json } from './http.ts';
import { SlidingWindowLimiter } from './limiter.ts';

/**
 * Aurora (seeds/aurora-api-errors.txt): 90 requests per minute per API key with Retry-After on
 * 429, and the four documented 4xx body formats — empty (most 404s), simple
 * `{"error": "…"}`, comma-separated, and the error hash.
 */
export const FOREIGN_TENANT = 'other-tenant';

export function aurora() {
  const limiter = new SlidingWindowLimiter(90, 60_000);
  const handle = (req: FixtureRequest): FixtureResponse => {
    // "401 Unauthorized: … This may indicate a missing or incorrect token."
    const key = bearer(req);
    if (!key) return json(401, { error: 'Unauthorized: missing or incorrect token' });
    // "The rate limit is applied to all requests sent with the same API key."
    const rate = limiter.take(key, req.now);
    if (!rate.allowed) {
      return json(
        429,
        { error: `Rate limit exceeded. Retry after ${rate.retryAfterSeconds} seconds.` },
        { 'Retry-After': String(rate.retryAfterSeconds) },
      );
    }
    const m = /^\/tenants\/([^/]+)\/(designs|projects)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(req.path);
    if (!m) return { status: 404 };
    const [, tenant, collection, id, sub] = m;
    // "403 Forbidden: The provided authentication token was successfully authenticated but not
    // authorized to perform the intended action." The fixture's one foreign tenant.
    if (tenant === FOREIGN_TENANT)
      return json(403, { error: 'You are not authorized to access this tenant' });
    let body: Record<string, unknown> = {};
    if (req.body) {
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return json(400, { error: 'The request body could not be parsed as JSON' });
      }
    }
    if (collection === 'designs') {
      if (!id && req.method === 'GET')
        return json(200, { designs: [{ id: 'd1', name: 'Roof A', tenant_id: tenant }] });
      if (!id && req.method === 'POST') {
        const missing = ['project_id', 'name'].filter((f) => !body[f]);
        // Comma-separated format: several messages in one string.
        if (missing.length)
          return json(422, { error: missing.map((f) => `${f} is missing`).join(', ') });
        return json(200, { design: { id: 'd2', ...body } });
      }
      if (!id && req.method === 'DELETE') return json(405, { error: 'Method not allowed' });
      // Most 404s have an empty body.
      if (id !== 'd1') return { status: 404 };
      if (sub === 'status') return json(200, { design_id: id, status: 'simulating' });
      if (sub === 'simulations' && req.method === 'POST')
        return json(409, { error: 'A simulation is already running for this design' });
      if (!sub && req.method === 'GET') return json(200, { design: { id, name: 'Roof A' } });
      return { status: 404 };
    }
    // projects
    if (!id && req.method === 'POST') {
      const fields: Record<string, string[]> = {};
      if (!body.name) fields.name = ["can't be blank"];
      if (!body.location) fields.location = ['is invalid', 'must be within a supported region'];
      // Error hash format when several fields fail; simple format for one.
      if (Object.keys(fields).length > 1) return json(422, { error: fields });
      if (Object.keys(fields).length === 1)
        return json(422, { error: `${Object.keys(fields)[0]} ${Object.values(fields)[0]![0]}` });
      return json(200, { project: { id: 'p2', ...body } });
    }
    if (!id && req.method === 'GET')
      return json(200, { projects: [{ id: 'p1', name: 'Main St' }] });
    return { status: 404 };
  };
  return { hosts: ['api.aurorasolar.com'], handle, reset: () => limiter.reset() };
}
