import type { OpenApiOperation, OpenApiServer } from '../profiles/openapi-schema.ts';

/**
 * The compiled router: request URL + method → operation, by the rules the issue pins.
 * - Servers: a variable with an `enum` matches its values; one without matches any value in its
 *   position (a per-customer `{host}` matches real hosts). Templates are relative to the server
 *   URL's path; a trailing slash on the server URL is dropped. A relative server URL (or none,
 *   which OpenAPI reads as `/`) matches any host.
 * - Paths: a trie over segments. Literal segments beat parameters; a parameter matches exactly
 *   one segment; one trailing slash on the request path is ignored. Matching walks the trie
 *   once per segment (with bounded backtracking when a literal branch lacks the method), so it
 *   costs O(path segments), not O(operations).
 * - Path-level and operation-level `servers` (OAS 3.1 §4.8.9, §4.8.10) replace the document's
 *   for those operations, by the same server rules: operations are grouped by the servers that
 *   apply to them, one trie per group. When several servers match, literal segments beat
 *   parameters over the whole path (server path and template together); on a tie the override
 *   wins (the more specific statement), then the document's order.
 * - Host tiers: a server that names its host (a label with literal text, or a variable with an
 *   `enum`) is a `host` server; a relative URL or a host made only of free variables
 *   (`{protocol}://{name}`, `{sub}.{site}`) matches any host and is an `any` server. The profile
 *   set tries every document's `host` servers before any document's `any` servers, so a
 *   catch-all server never shadows a document that names the host; only `host` servers claim
 *   a host for requests no operation matches (`served`).
 */

export interface RouteMatch {
  operation: OpenApiOperation;
}

interface Node {
  literal: Map<string, Node>;
  /** Segments mixing text and parameters (`{name}.json`), tried after literals. */
  mixed: { re: RegExp; node: Node }[];
  param: Node | undefined;
  methods: Map<string, OpenApiOperation>;
}

function node(): Node {
  return { literal: new Map(), mixed: [], param: undefined, methods: new Map() };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const VAR = /\{([^{}]*)\}/g;

/** A template piece: literal text escaped, `{var}` as its enum or as `any`. */
function templateRe(template: string, any: string, vars: OpenApiServer['variables'] = {}): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(VAR)) {
    out += escapeRe(template.slice(last, m.index));
    const v = Object.hasOwn(vars, m[1]!) ? vars[m[1]!] : undefined;
    out += v?.enum?.length ? `(?:${v.enum.map(escapeRe).join('|')})` : any;
    last = m.index + m[0].length;
  }
  return out + escapeRe(template.slice(last));
}

export type ServerTier = 'host' | 'any';

interface CompiledServer {
  /** Undefined: any host (a relative server URL). */
  host?: RegExp;
  tier: ServerTier;
  path: RegExp;
  /** Its path's segments as specificity ranks (see segmentRank). */
  ranks: number[];
}

/**
 * How specific a template segment is: literal text 0, a segment mixing text and a variable (or
 * a server variable with an `enum`) 1, a bare free variable 2.
 */
function segmentRank(seg: string, vars: OpenApiServer['variables'] = {}): number {
  if (!seg.includes('{')) return 0;
  const bare = /^\{([^{}]*)\}$/.exec(seg);
  if (!bare) return 1;
  return Object.hasOwn(vars, bare[1]!) && vars[bare[1]!]!.enum?.length ? 1 : 2;
}

/** Whether a host template pins the host: a label with literal text, or an enum variable. */
function namesHost(host: string, vars: OpenApiServer['variables']): boolean {
  if (host.split('.').some((label) => label.replace(VAR, '') !== '')) return true;
  for (const m of host.matchAll(VAR))
    if (Object.hasOwn(vars, m[1]!) && vars[m[1]!]!.enum?.length) return true;
  return false;
}

function compileServer(s: OpenApiServer): CompiledServer {
  const url = s.url.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:|\{[^{}]*\}:)?\/\//.exec(url);
  let authority = '';
  let path = url;
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const slash = rest.indexOf('/');
    authority = slash < 0 ? rest : rest.slice(0, slash);
    path = slash < 0 ? '' : rest.slice(slash);
  }
  path = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (path && !path.startsWith('/')) path = `/${path}`;
  const pathRe = new RegExp(`^${templateRe(path, '[^/]+', s.variables)}(?=/|$)`);
  const ranks = path
    ? path
        .split('/')
        .slice(1)
        .map((seg) => segmentRank(seg, s.variables))
    : [];
  if (!scheme) return { tier: 'any', path: pathRe, ranks };
  // Host names are case-insensitive (RFC 3986 §3.2.2). Ports are not compared: the same API
  // is often served on a local port in development.
  const host = authority.replace(/^[^@]*@/, '').replace(/:(\d*|\{[^{}]*\})$/, '');
  return {
    host: new RegExp(`^${templateRe(host, '[^/]+?', s.variables)}$`, 'i'),
    tier: namesHost(host, s.variables) ? 'host' : 'any',
    path: pathRe,
    ranks,
  };
}

function splitPath(path: string): string[] {
  const segs = path.split('/').slice(1);
  // One trailing slash is ignored: "/pets/" is "/pets".
  if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
  return segs;
}

// A request path this long is not an API call we could document; bounded work either way.
const MAX_SEGMENTS = 64;
const MAX_STEPS = 4096;

function insert(root: Node, op: OpenApiOperation): void {
  let n = root;
  for (const seg of splitPath(op.path)) {
    if (/^\{[^{}]*\}$/.test(seg)) n = n.param ??= node();
    else if (seg.includes('{')) {
      const src = `^${templateRe(seg, '[^/]+')}$`;
      let m = n.mixed.find((x) => x.re.source === src);
      if (!m) {
        m = { re: new RegExp(src), node: node() };
        n.mixed.push(m);
      }
      n = m.node;
    } else {
      let next = n.literal.get(seg);
      if (!next) {
        next = node();
        n.literal.set(seg, next);
      }
      n = next;
    }
  }
  if (!n.methods.has(op.method)) n.methods.set(op.method, op);
}

/** Operations that share the servers that apply to them, and those servers. */
interface Group {
  servers: CompiledServer[];
  root: Node;
}

export class Router {
  private readonly groups: Group[];

  constructor(servers: readonly OpenApiServer[], operations: readonly OpenApiOperation[]) {
    // No servers: OpenAPI reads that as one server "/".
    const own = new Map<string, Group>();
    const documents: Group = {
      servers: (servers.length ? servers : [{ url: '/', variables: {} }]).map(compileServer),
      root: node(),
    };
    for (const op of operations) {
      let g = documents;
      if (op.servers?.length) {
        const key = JSON.stringify(op.servers);
        g = own.get(key) ?? { servers: op.servers.map(compileServer), root: node() };
        own.set(key, g);
      }
      insert(g.root, op);
    }
    this.groups = [...own.values(), documents];
  }

  /**
   * `served`: a `host` server covers the URL (the request belongs to this API);
   * `operation`: the operation the method and path match. `tier` limits the servers tried to
   * one tier (the profile set's order across documents); without it, `host` then `any`.
   */
  match(
    method: string,
    host: string,
    path: string,
    tier?: ServerTier,
  ): { served: boolean; operation?: OpenApiOperation } {
    if (!tier) {
      const named = this.match(method, host, path, 'host');
      if (named.operation) return named;
      const any = this.match(method, host, path, 'any');
      return any.operation ? any : named;
    }
    let served = false;
    let best: { op: OpenApiOperation; s: CompiledServer } | undefined;
    for (const g of this.groups)
      for (const s of g.servers) {
        if (s.tier !== tier || (s.host && !s.host.test(host))) continue;
        const m = s.path.exec(path);
        if (!m) continue;
        if (tier === 'host') served = true;
        const rest = path.slice(m[0].length);
        const op = route(g.root, method, rest === '' ? '/' : rest);
        if (op && (!best || moreSpecific(s, op, best.s, best.op))) best = { op, s };
      }
    return best ? { served: true, operation: best.op } : { served };
  }
}

/**
 * Two servers (or server groups) that both match: literal segments beat parameters over the
 * whole request path, server path and template together; a tie keeps the earlier candidate
 * (overrides before the document's servers, then the document's order).
 */
function moreSpecific(
  a: CompiledServer,
  aop: OpenApiOperation,
  b: CompiledServer,
  bop: OpenApiOperation,
): boolean {
  const ra = [...a.ranks, ...splitPath(aop.path).map((seg) => segmentRank(seg))];
  const rb = [...b.ranks, ...splitPath(bop.path).map((seg) => segmentRank(seg))];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++)
    if (ra[i] !== rb[i]) return ra[i]! < rb[i]!;
  return false;
}

/**
 * Depth-first, literal first, then mixed, then parameter: the first complete match is the most
 * specific one. Each step is one trie edge; MAX_STEPS bounds a hostile document's backtracking.
 */
function route(root: Node, method: string, path: string): OpenApiOperation | undefined {
  const segs = splitPath(path);
  if (segs.length > MAX_SEGMENTS) return undefined;
  const stack: { n: Node; i: number }[] = [{ n: root, i: 0 }];
  let steps = 0;
  while (stack.length && steps++ < MAX_STEPS) {
    const { n, i } = stack.pop()!;
    if (i === segs.length) {
      const op = n.methods.get(method);
      if (op) return op;
      continue;
    }
    const seg = segs[i]!;
    // Pushed in reverse preference, popped in preference order.
    if (n.param && seg !== '') stack.push({ n: n.param, i: i + 1 });
    for (let k = n.mixed.length - 1; k >= 0; k--)
      if (n.mixed[k]!.re.test(seg)) stack.push({ n: n.mixed[k]!.node, i: i + 1 });
    const lit = n.literal.get(seg);
    if (lit) stack.push({ n: lit, i: i + 1 });
  }
  return undefined;
}

/**
 * The servers a request can match, for display: the document's ("/ (any host)" when it lists
 * none), then each path or operation override with how many operations it serves.
 */
export function serverSummary(info: {
  servers: readonly OpenApiServer[];
  operations: readonly OpenApiOperation[];
}): string[] {
  const out = info.servers.length ? info.servers.map((s) => s.url) : ['/ (any host)'];
  const counts = new Map<string, number>();
  for (const op of info.operations)
    for (const s of op.servers ?? []) counts.set(s.url, (counts.get(s.url) ?? 0) + 1);
  for (const [url, n] of counts) out.push(`${url} (${n} operation${n === 1 ? '' : 's'})`);
  return out;
}
