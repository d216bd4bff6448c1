import {
  dereference,
  initialBaseURI,
  type OutputUnit,
  type Schema,
  validate,
} from '@cfworker/json-schema';
import type { OpenApiInfo } from '../profiles/openapi-schema.ts';

/**
 * Response bodies checked against the documented schema. @cfworker/json-schema interprets
 * schemas (no code generation, so no eval or new Function under the extension's CSP) and
 * supports JSON Schema 2020-12; 3.0 schemas were translated to it when compiled.
 *
 * Errors are `{ path, message }` with `path` a JSON Pointer into the body ("" is the root): a
 * missing required member is reported at its parent, naming the member; an extra member at its
 * own pointer.
 */

export interface SchemaError {
  path: string;
  message: string;
}
export interface SchemaResult {
  valid: boolean;
  errors?: SchemaError[];
}

const MAX_ERRORS = 20;
// The validator recurses per nesting level of the body; deeper bodies are not checked.
const MAX_BODY_DEPTH = 256;

const lookups = new WeakMap<OpenApiInfo, Record<string, Schema | boolean>>();

function lookupFor(info: OpenApiInfo): Record<string, Schema | boolean> {
  let lookup = lookups.get(info);
  if (!lookup) {
    // A copy: dereference annotates schema objects, and the profile must stay plain data.
    const root = JSON.parse(JSON.stringify({ $defs: { ...info.schemas } })) as Schema;
    // The validator's default base URI (the page's, or its own): our $refs are all local.
    lookup = dereference(root, Object.create(null));
    lookups.set(info, lookup);
  }
  return lookup;
}

/** Whether `v` nests objects and arrays more than `levels` deep; the recursion is bounded by `levels`. */
function deeperThan(v: unknown, levels: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (levels === 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (deeperThan(v[i], levels - 1)) return true;
    return false;
  }
  for (const k in v) if (deeperThan((v as Record<string, unknown>)[k], levels - 1)) return true;
  return false;
}

function pointer(instanceLocation: string): string {
  // cfworker writes "#" + a pointer whose tokens are escaped (~0 ~1), not percent-encoded.
  return instanceLocation.startsWith('#') ? instanceLocation.slice(1) : instanceLocation;
}

// Keywords whose failure is explained by the errors of their subschemas.
const CONTAINERS = new Set([
  '$ref',
  'properties',
  'items',
  'prefixItems',
  'allOf',
  'additionalItems',
  'unevaluatedItems',
  'patternProperties',
  'dependentSchemas',
  'if',
  'contains',
  'propertyNames',
  'additionalProperties',
  'unevaluatedProperties',
  '$recursiveRef',
  '$dynamicRef',
]);
// Keywords reported as one line; what their alternatives said is noise.
const SUMMARIES = new Set(['anyOf', 'oneOf', 'not']);

function messageOf(u: OutputUnit): string {
  if (u.keyword === 'required') {
    const name = /"(.*)"/.exec(u.error)?.[1];
    return name !== undefined ? `required member "${name}" is missing` : u.error;
  }
  if (u.keyword === 'anyOf' || u.keyword === 'oneOf')
    return `does not match ${u.keyword === 'anyOf' ? 'any' : 'exactly one'} of the documented alternatives`;
  return u.error.replace(/\.$/, '');
}

function simplify(units: readonly OutputUnit[]): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  let hiddenUnder: string | undefined;
  for (const u of units) {
    if (hiddenUnder !== undefined && u.keywordLocation.startsWith(hiddenUnder)) continue;
    hiddenUnder = undefined;
    let e: SchemaError | undefined;
    if (u.keyword === 'additionalProperties' || u.keyword === 'unevaluatedProperties') {
      // "Property "x" does not match …": the member itself is what is extra.
      const name = /^Property "(.*)" does not match/.exec(u.error)?.[1];
      if (name === undefined) continue;
      const at = `${pointer(u.instanceLocation)}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      e = { path: at, message: `member "${name}" is not documented here` };
      hiddenUnder = `${u.keywordLocation}`;
    } else if (SUMMARIES.has(u.keyword)) {
      e = { path: pointer(u.instanceLocation), message: messageOf(u) };
      hiddenUnder = `${u.keywordLocation}/`;
    } else if (CONTAINERS.has(u.keyword) || u.keyword === 'false') continue;
    else e = { path: pointer(u.instanceLocation), message: messageOf(u) };
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length >= MAX_ERRORS) break;
  }
  return out;
}

/** Checks `body` (parsed JSON) against schema `index` of `info`. */
export function validateBody(
  info: OpenApiInfo,
  index: number,
  body: unknown,
): SchemaResult | undefined {
  if (index < 0 || index >= info.schemas.length) return undefined;
  if (deeperThan(body, MAX_BODY_DEPTH)) return undefined;
  try {
    const lookup = lookupFor(info);
    const schema = lookup[`${initialBaseURI.href}#/$defs/${index}`];
    if (schema === undefined) return undefined;
    const r = validate(body, schema as Schema, '2020-12', lookup, false);
    if (r.valid) return { valid: true };
    const errors = simplify(r.errors);
    return { valid: false, ...(errors.length ? { errors } : {}) };
  } catch {
    // A schema the validator cannot read (or a stack exhausted by it) is not the body's fault.
    return undefined;
  }
}
