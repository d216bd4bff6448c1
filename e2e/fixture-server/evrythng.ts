import type { FixtureRequest, FixtureResponse } from './http.ts';
import { json } from './http.ts';

/**
 * EVRYTHNG legacy API (seeds/evrythng-legacy-verbs-and-errors.txt): `{status, errors[], code,
 * moreInfo}` bodies with the documented error codes, 201 with Location, 202 pollable, 204 on
 * delete, and 415 for any request content type but application/json.
 */
const THNG = 'UhCxGq3YeQm8Ea2wMEkT3Hnn';
const ID = /^[A-Za-z0-9]{24}$/;

const error = (status: number, message: string, code: string) =>
  json(status, {
    status,
    errors: [message],
    code,
    moreInfo: 'https://developers.evrythng.com/docs/api-conventions',
  });

export function evrythng() {
  const handle = (req: FixtureRequest): FixtureResponse => {
    // The seed's own 401 example, verbatim.
    if (!req.headers.authorization) {
      return json(401, {
        status: 401,
        errors: ['Access denied, please check your credentials!'],
        code: 33619968,
        moreInfo: '',
      });
    }
    // 415: "Note: we only support application/json as valid content type." Any request that
    // declares or sends a body of another type is refused.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if ((req.body || type) && type !== 'application/json') {
      // The seed names no code for 415; UNSUPPORTED_MEDIA_TYPE is this fixture's own.
      return error(
        415,
        `Unsupported media type ${type || '(none)'}: only application/json is supported`,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
    let body: Record<string, unknown> = {};
    if (req.body) {
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return error(400, 'The JSON document is malformed', 'INVALID_CONTENT');
      }
    }
    const [, collection, id] = req.path.split('/');
    if (collection === 'accounts')
      return error(403, 'You are not allowed to access this account', 'ACCESS_FORBIDDEN');
    if (collection === 'products' && !id && req.method === 'DELETE') {
      return error(
        405,
        'DELETE is not allowed on the products collection with these credentials',
        'METHOD_FORBIDDEN',
      );
    }
    if (collection === 'projects' && id === 'default' && req.method === 'DELETE') {
      return error(
        400,
        'The default project cannot be deleted while it has applications',
        'INVALID_STATE',
      );
    }
    if (collection === 'users' && req.method === 'POST') {
      return body.email === 'taken@example.com'
        ? error(409, 'A user with this email already exists', 'ALREADY_EXISTS')
        : json(
            201,
            { id: 'U4nVbGkmeQ8s8pwRwkRanrEa', email: body.email },
            { Location: '/users/U4nVbGkmeQ8s8pwRwkRanrEa' },
          );
    }
    if (collection === 'batches' && req.method === 'POST') {
      return json(
        202,
        { id: 'UkpnHBhkBg8RQ9RawhkByrPs', status: 'pending' },
        { Location: '/batches/UkpnHBhkBg8RQ9RawhkByrPs' },
      );
    }
    if (collection === 'thngs') {
      if (!id && req.method === 'GET') return json(200, [{ id: THNG, name: 'Demo thng' }]);
      if (!id && req.method === 'POST') {
        if (!body.name) return error(400, 'The field name is required', 'INVALID_CONTENT');
        return json(201, { id: THNG, name: body.name }, { Location: `/thngs/${THNG}` });
      }
      if (id && !ID.test(id)) return error(400, `The identifier ${id} is not valid`, 'INVALID_ID');
      if (id !== THNG) return error(404, 'The thng was not found', 'MISSING_RESOURCE');
      if (req.method === 'DELETE') return { status: 204 };
      return json(200, { id: THNG, name: 'Demo thng' });
    }
    return error(404, 'The resource was not found', 'MISSING_RESOURCE');
  };
  return { hosts: ['api.evrythng.com', 'api.eu.evrythng.com'], handle, reset: () => {} };
}
