import { encodeToken, isObject, resolvePointer } from './pointer.ts';
import { PatternGuard } from './safe-pattern.ts';

/**
 * Response schemas, made self-contained and storable: every schema a response uses is copied
 * into one flat list (`$defs` by index), and each internal `$ref` is rewritten to
 * `#/$defs/<n>`, so the profile keeps only the schemas it needs, never the document. Circular
 * schemas stay circular through those indexes. The copy is iterative and depth-bounded (a
 * hostile document is data). OpenAPI 3.0's dialect is translated to JSON Schema 2020-12 on the
 * way (`nullable`, boolean `exclusiveMaximum`), so one validator serves 3.0 and 3.1.
 */

export interface Skipped {
  /** JSON Pointer into the document. */
  at: string;
  reason: string;
}

/** A document we refuse to load; its message is the one line the user sees. */
export class OpenApiError extends Error {}

const MAX_DEPTH = 128;
// Values that are data, not schemas: copied as they are, never searched for $ref.
// Keywords whose value maps names to schemas.
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'example', 'examples']);
// Identifiers that would re-base references; our rewritten $refs are all document-local.
const DROPPED_KEYWORDS = new Set(['$id', '$schema', '$anchor', '$dynamicAnchor', '$comment']);

interface Task {
  src: unknown;
  at: string;
  depth: number;
  put: (v: unknown) => void;
}

function nullProto(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export class SchemaCollector {
  readonly defs: unknown[] = [];
  private readonly byPointer = new Map<string, number>();
  private readonly queue: { index: number; src: unknown; at: string }[] = [];
  private readonly patterns = new PatternGuard();

  constructor(
    private readonly doc: unknown,
    private readonly dialect: '3.0' | '3.1',
    private readonly skipped: Skipped[],
  ) {}

  /** Adds the schema found at `at`; returns its index in `defs`. */
  add(schema: unknown, at: string): number {
    if (this.isRef(schema)) {
      const target = this.follow(schema.$ref as string, at);
      if (target === undefined) return this.allocate(true, at);
      return target;
    }
    return this.allocate(schema, at);
  }

  /** Copies every queued schema (and what it references) into `defs`. */
  drain(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const { index, src, at } = this.queue[i]!;
      this.copy(src, at, (v) => {
        this.defs[index] = v;
      });
    }
  }

  private allocate(src: unknown, at: string): number {
    const index = this.defs.length;
    this.defs.push(true);
    this.queue.push({ index, src, at });
    return index;
  }

  private isRef(v: unknown): v is { $ref: string } {
    if (!isObject(v) || typeof v.$ref !== 'string') return false;
    // 3.0: siblings of $ref are ignored. 3.1: a $ref with siblings is a schema of its own.
    return (
      this.dialect === '3.0' ||
      Object.keys(v).every((k) => k === '$ref' || k === 'description' || k === 'summary')
    );
  }

  /** The def index of a `$ref`'s final target; undefined for a reference we do not follow. */
  private follow(ref: string, at: string): number | undefined {
    const seen: string[] = [];
    let current = ref;
    for (;;) {
      if (!current.startsWith('#')) {
        this.skipped.push({
          at,
          reason: `external $ref "${current}" not fetched; anything is accepted there`,
        });
        return undefined;
      }
      if (current !== '#' && !current.startsWith('#/')) {
        this.skipped.push({
          at,
          reason: `$ref "${current}" names an anchor, not a JSON Pointer; anything is accepted there`,
        });
        return undefined;
      }
      if (seen.includes(current))
        throw new OpenApiError(
          `$ref cycle never reaches a schema: ${[...seen, current].join(' → ')}`,
        );
      seen.push(current);
      const hit = this.byPointer.get(current);
      if (hit !== undefined) return hit;
      const target = resolvePointer(this.doc, current);
      if (target === undefined) throw new OpenApiError(`$ref "${current}" at ${at} points nowhere`);
      if (this.isRef(target)) {
        current = target.$ref;
        continue;
      }
      const index = this.allocate(target, current.slice(1));
      for (const p of seen) this.byPointer.set(p, index);
      return index;
    }
  }

  private refTo(ref: string, at: string): Record<string, unknown> {
    const index = this.follow(ref, at);
    const out = nullProto();
    if (index !== undefined) out.$ref = `#/$defs/${index}`;
    return out;
  }

  private copy(root: unknown, rootAt: string, put: (v: unknown) => void): void {
    const stack: Task[] = [{ src: root, at: rootAt, depth: 0, put }];
    while (stack.length) {
      const t = stack.pop()!;
      const { src, at } = t;
      if (src === null || typeof src !== 'object') {
        t.put(src);
        continue;
      }
      if (t.depth > MAX_DEPTH) {
        this.skipped.push({
          at,
          reason: `schema nests deeper than ${MAX_DEPTH} levels; not checked below`,
        });
        t.put(true);
        continue;
      }
      if (Array.isArray(src)) {
        const arr: unknown[] = new Array(src.length);
        for (let i = 0; i < src.length; i++) {
          stack.push({
            src: src[i],
            at: `${at}/${i}`,
            depth: t.depth + 1,
            put: (v) => {
              arr[i] = v;
            },
          });
        }
        t.put(arr);
        continue;
      }
      const obj = src as Record<string, unknown>;
      if (this.dialect === '3.0' && this.isRef(src)) {
        t.put(this.refTo(src.$ref, at));
        continue;
      }
      const out = nullProto();
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        if (DROPPED_KEYWORDS.has(key) || key === 'nullable' || key.startsWith('x-')) continue;
        if (key === '$ref' && typeof value === 'string') {
          const r = this.refTo(value, at);
          if (r.$ref) out.$ref = r.$ref;
          continue;
        }
        if (key === '$dynamicRef') {
          this.skipped.push({
            at,
            reason: '$dynamicRef is not supported; anything is accepted there',
          });
          continue;
        }
        if (key === 'pattern') {
          const why = this.patterns.unsafe(value);
          if (why)
            this.skipped.push({ at: `${at}/pattern`, reason: `pattern not checked: ${why}` });
          else out.pattern = value;
          continue;
        }
        if (DATA_KEYWORDS.has(key) || value === null || typeof value !== 'object') {
          out[key] = value;
          continue;
        }
        if (SCHEMA_MAPS.has(key) && isObject(value)) {
          // Member names, not keywords: a property called "pattern" or "x-id" is a schema.
          const map = nullProto();
          for (const name of Object.keys(value)) {
            const why = key === 'patternProperties' ? this.patterns.unsafe(name) : undefined;
            if (why) {
              this.skipped.push({
                at: `${at}/${key}`,
                reason: `pattern "${name}" not checked: ${why}`,
              });
              continue;
            }
            const memberAt = `${at}/${key}/${encodeToken(name)}`;
            stack.push({
              src: value[name],
              at: memberAt,
              depth: t.depth + 2,
              put: (v) => {
                map[name] = v;
              },
            });
          }
          out[key] = map;
          continue;
        }
        stack.push({
          src: value,
          at: `${at}/${key}`,
          depth: t.depth + 1,
          put: (v) => {
            out[key] = v;
          },
        });
      }
      t.put(this.dialect === '3.0' ? from30(obj, out) : out);
    }
  }
}

/**
 * OpenAPI 3.0's schema dialect, as JSON Schema 2020-12 (OAS 3.0.3 §4.7.24): `nullable: true`
 * adds null to `type` (and to `enum`); boolean `exclusiveMaximum`/`exclusiveMinimum`
 * (draft-04 style) become the numeric form.
 */
function from30(src: Record<string, unknown>, out: Record<string, unknown>): unknown {
  for (const [ex, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof src[ex] !== 'boolean') continue;
    if (src[ex] === true && typeof src[bound] === 'number') {
      out[ex] = src[bound];
      delete out[bound];
    } else delete out[ex];
  }
  if (src.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  // The subschemas are copied after this runs: test the source for them.
  if (out.type === undefined && (src.allOf || src.anyOf || src.oneOf || src.$ref)) {
    const either = nullProto();
    either.anyOf = [{ type: 'null' }, out];
    return either;
  }
  return out;
}
