import { mediaType } from '../http.ts';
import type {
  OpenApiOperation,
  OpenApiResponse,
  OpenApiServer,
} from '../profiles/openapi-schema.ts';
import { Profile } from '../profiles/schema.ts';
import { encodeToken, isObject, resolvePointer } from './pointer.ts';
import { OpenApiError, SchemaCollector, type Skipped } from './schemas.ts';

/**
 * OpenAPI 3.0 / 3.1 document (already parsed) → a compact profile: servers, operations with
 * their documented responses and schemas, apiKey names. Throws OpenApiError (one line) for a
 * document we refuse; everything merely unsupported is listed in `openapi.skipped`.
 */

// OAS 3.1 §4.8.10: the fixed fields of a Path Item that are operations.
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const MAX_OPERATIONS = 20_000;

/** Follows a Reference Object chain (responses, path items, security schemes) to its target. */
function deref(doc: unknown, value: unknown, at: string, skipped: Skipped[]): unknown {
  const seen: string[] = [];
  let v = value;
  while (isObject(v) && typeof v.$ref === 'string') {
    const ref = v.$ref;
    if (!ref.startsWith('#')) {
      skipped.push({ at, reason: `external $ref "${ref}" not fetched` });
      return undefined;
    }
    if (seen.includes(ref))
      throw new OpenApiError(`$ref cycle never reaches an object: ${[...seen, ref].join(' → ')}`);
    seen.push(ref);
    v = resolvePointer(doc, ref);
    if (v === undefined) throw new OpenApiError(`$ref "${ref}" at ${at} points nowhere`);
  }
  return v;
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `openapi-${s || 'api'}`;
}

/** A `servers` list (document, path item or operation) at pointer `at`. */
function serverList(value: unknown, at: string, skipped: Skipped[]): OpenApiServer[] {
  const list = Array.isArray(value) ? value : [];
  const out: OpenApiServer[] = [];
  list.forEach((s, i) => {
    if (!isObject(s) || typeof s.url !== 'string') {
      skipped.push({ at: `${at}/${i}`, reason: 'no url' });
      return;
    }
    const variables: OpenApiServer['variables'] = Object.create(null);
    if (isObject(s.variables))
      for (const [name, v] of Object.entries(s.variables)) {
        if (!isObject(v)) continue;
        const values = Array.isArray(v.enum) ? v.enum.filter((e) => typeof e === 'string') : [];
        variables[name] = {
          ...(values.length ? { enum: values } : {}),
          ...(typeof v.default === 'string' ? { default: v.default } : {}),
        };
      }
    out.push({ url: s.url, variables });
  });
  return out;
}

function responseKey(code: string): OpenApiResponse['status'] | undefined {
  if (/^[1-5][0-9][0-9]$/.test(code) || code === 'default') return code;
  if (/^[1-5]xx$/i.test(code)) return code.toUpperCase();
  return undefined;
}

export interface Compiled {
  profile: Profile;
}

export function compileOpenApi(doc: unknown): Profile {
  if (!isObject(doc))
    throw new OpenApiError('not an OpenAPI document: expected an object at the top');
  if (typeof doc.swagger === 'string')
    throw new OpenApiError(`Swagger ${doc.swagger} is not supported: convert it to OpenAPI 3`);
  const version = typeof doc.openapi === 'string' ? doc.openapi : undefined;
  if (!version) throw new OpenApiError('not an OpenAPI document: no "openapi" version field');
  if (!/^3\.[01]\.\d+/.test(version))
    throw new OpenApiError(`OpenAPI ${version} is not supported (3.0 and 3.1 are)`);
  const info = isObject(doc.info) ? doc.info : {};
  const title =
    typeof info.title === 'string' && info.title.trim() ? info.title.trim() : 'Untitled API';
  const apiVersion = typeof info.version === 'string' ? info.version : String(info.version ?? '');

  const skipped: Skipped[] = [];
  const schemas = new SchemaCollector(doc, version.startsWith('3.0') ? '3.0' : '3.1', skipped);
  const operations: OpenApiOperation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    const at = `/paths/${encodeToken(path)}`;
    if (!path.startsWith('/')) {
      if (!path.startsWith('x-')) skipped.push({ at, reason: 'path does not start with "/"' });
      continue;
    }
    const item = deref(doc, paths[path], at, skipped);
    if (!isObject(item)) continue;
    // OAS 3.1 §4.8.9: a path item's servers replace the document's for its operations; an
    // operation's own (§4.8.10) replace both. An empty or invalid list overrides nothing.
    const pathServers = serverList(item.servers, `${at}/servers`, skipped);
    for (const m of METHODS) {
      const op = item[m];
      if (!isObject(op)) continue;
      if (operations.length >= MAX_OPERATIONS)
        throw new OpenApiError(`more than ${MAX_OPERATIONS} operations: not loaded`);
      const opServers = serverList(op.servers, `${at}/${m}/servers`, skipped);
      const own = opServers.length ? opServers : pathServers;
      const responses: OpenApiResponse[] = [];
      const rs = isObject(op.responses) ? op.responses : {};
      for (const code of Object.keys(rs)) {
        const rat = `${at}/${m}/responses/${encodeToken(code)}`;
        const status = responseKey(code);
        if (!status) {
          if (!code.startsWith('x-'))
            skipped.push({
              at: rat,
              reason: `"${code}" is not a status code, a range or "default"`,
            });
          continue;
        }
        const r = deref(doc, rs[code], rat, skipped);
        if (!isObject(r)) continue;
        const content: OpenApiResponse['content'] = [];
        if (isObject(r.content))
          for (const type of Object.keys(r.content)) {
            const mt = r.content[type];
            const key = mediaType(type);
            if (content.some((c) => c.type === key)) continue;
            content.push({
              type: key,
              ...(isObject(mt) && mt.schema !== undefined
                ? { schema: schemas.add(mt.schema, `${rat}/content/${encodeToken(type)}/schema`) }
                : {}),
            });
          }
        responses.push({
          status,
          description: typeof r.description === 'string' ? r.description : '',
          content,
        });
      }
      operations.push({
        method: m.toUpperCase(),
        path,
        ...(typeof op.operationId === 'string' ? { id: op.operationId } : {}),
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        responses,
        ...(own.length ? { servers: own } : {}),
      });
    }
  }
  schemas.drain();
  if (isObject(doc.webhooks) && Object.keys(doc.webhooks).length)
    skipped.push({
      at: '/webhooks',
      reason: 'webhooks are calls the API makes to you; not matched',
    });

  const keyHeaders: string[] = [];
  const keyQueryParams: string[] = [];
  const keyCookies: string[] = [];
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const name of Object.keys(schemes)) {
    const at = `/components/securitySchemes/${encodeToken(name)}`;
    const s = deref(doc, schemes[name], at, skipped);
    if (!isObject(s) || s.type !== 'apiKey' || typeof s.name !== 'string' || !s.name) continue;
    const list =
      s.in === 'header'
        ? keyHeaders
        : s.in === 'query'
          ? keyQueryParams
          : s.in === 'cookie'
            ? keyCookies
            : undefined;
    if (!list)
      skipped.push({ at, reason: `apiKey "in: ${String(s.in)}" is not header, query or cookie` });
    else if (!list.includes(s.name)) list.push(s.name);
  }

  const parsed = Profile.safeParse({
    id: slug(title),
    name: title,
    source: `${title} ${apiVersion} (OpenAPI ${version})`.replace(/\s+/g, ' '),
    keyHeaders,
    keyQueryParams,
    keyCookies,
    openapi: {
      title,
      version: apiVersion,
      openapi: version,
      servers: serverList(doc.servers, '/servers', skipped),
      operations,
      schemas: schemas.defs,
      skipped,
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OpenApiError(
      `not a valid OpenAPI document: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}
