/**
 * A copy-on-write walk over JSON-like data (custom fields, WebSocket frames, our annotation),
 * iterative so that a custom field nested 100,000 deep cannot overflow the stack. Only the
 * objects on the path to a change are copied; the input is never mutated.
 */

export interface Where {
  /** A readable path to this place, e.g. `request.headers.Referer`, `_deep.n.n…`. */
  label(): string;
  /** The member name this value sits under (undefined for array items and the root). */
  readonly key: string | undefined;
  /** Whether this member or an ancestor's name satisfied the walk's `flag` test. */
  readonly flagged: boolean;
  /** How many objects enclose this member (0: a member of the root). */
  readonly depth: number;
}

export interface Visitor {
  /** A string value; returns its replacement (the same string when unchanged). */
  string(value: string, at: Where): string;
  /** An object member name; returns the new name (the same when unchanged). */
  key?(name: string, at: Where): string;
  /** Before a member is visited: a replacement stops the walk there (undefined: walk on). */
  member?(name: string, value: unknown, at: Where): unknown;
}

type Key = string | number;
interface Frame {
  src: Record<Key, unknown>;
  out: Record<Key, unknown> | undefined;
  keys: Key[];
  i: number;
  parent: Frame | undefined;
  key: Key | undefined;
  renames: Map<string, string> | undefined;
  flagged: boolean;
  depth: number;
}

// Lists whose items are name/value pairs: their items are labelled by name (HAR 1.2 §headers,
// queryString, cookies, params), so `request.headers.Referer` rather than `request.headers[3].value`.
const NAMED_LISTS = new Set(['headers', 'queryString', 'cookies', 'params']);
const MAX_LABEL_SEGMENTS = 64;

/** Defines a member even when its name is `__proto__` (network data never reaches a prototype). */
export function put(obj: Record<Key, unknown>, key: Key, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else obj[key] = value;
}

function clone(src: Record<Key, unknown>): Record<Key, unknown> {
  if (Array.isArray(src)) return src.slice() as unknown as Record<Key, unknown>;
  const out: Record<Key, unknown> = {};
  for (const k of Object.keys(src)) put(out, k, src[k]);
  return out;
}

function setChild(f: Frame, key: Key, value: unknown): void {
  f.out ??= clone(f.src);
  put(f.out, key, value);
}

function isNamedList(f: Frame | undefined): boolean {
  return typeof f?.key === 'string' && NAMED_LISTS.has(f.key);
}

/** The label of member/item `key` of `f`. */
function seg(f: Frame, key: Key): string {
  if (typeof key === 'number') {
    const item = f.src[key] as { name?: unknown } | null | undefined;
    return isNamedList(f) && typeof item?.name === 'string' ? `.${item.name}` : `[${key}]`;
  }
  // The value of a name/value pair is the pair itself: `headers.Referer`, not `headers.Referer.value`.
  if (key === 'value' && isNamedList(f.parent) && typeof f.src.name === 'string') return '';
  return `.${key}`;
}

function where(root: string, f: Frame, key: Key, flagged: boolean): Where {
  return {
    key: typeof key === 'string' ? key : undefined,
    flagged,
    depth: f.depth,
    label() {
      const parts: string[] = [seg(f, key)];
      let p = f;
      while (p.parent && p.key !== undefined) {
        if (parts.length >= MAX_LABEL_SEGMENTS) {
          // Deep data: keep the outermost segment (which field it was) and the innermost ones.
          let n = 0;
          let top = p;
          while (top.parent?.parent) {
            top = top.parent;
            n++;
          }
          if (n > 0) parts.push(`…(${n} levels)…`);
          parts.push(seg(top.parent!, top.key!));
          break;
        }
        parts.push(seg(p.parent, p.key));
        p = p.parent;
      }
      return root + parts.reverse().join('');
    },
  };
}

/**
 * Walks `root` (labelled `rootLabel`) and returns it with the visitor's replacements, sharing
 * every unchanged object with the input.
 */
export function walk<T>(
  root: T,
  rootLabel: string,
  v: Visitor,
  flag: (key: string) => boolean = () => false,
): T {
  if (root === null || typeof root !== 'object') return root;
  const frame = (
    src: object,
    parent: Frame | undefined,
    key: Key | undefined,
    flagged: boolean,
  ): Frame => ({
    src: src as Record<Key, unknown>,
    out: undefined,
    keys: Array.isArray(src) ? src.map((_, i) => i) : Object.keys(src),
    i: 0,
    parent,
    key,
    renames: undefined,
    flagged,
    depth: parent ? parent.depth + 1 : 0,
  });
  const top = frame(root, undefined, undefined, false);
  const stack: Frame[] = [top];
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.i >= f.keys.length) {
      stack.pop();
      let done = f.out;
      if (f.renames) {
        const src = done ?? f.src;
        done = {};
        for (const k of Object.keys(src)) put(done, f.renames.get(k) ?? k, src[k]);
      }
      if (done && f.parent && f.key !== undefined) setChild(f.parent, f.key, done);
      if (f === top) return (done ?? root) as T;
      continue;
    }
    const k = f.keys[f.i++]!;
    const child = f.src[k];
    const flagged = f.flagged || (typeof k === 'string' && flag(k));
    const at = where(rootLabel, f, k, flagged);
    if (typeof k === 'string') {
      if (v.member) {
        const replaced = v.member(k, child, at);
        if (replaced !== undefined) {
          if (replaced !== child) setChild(f, k, replaced);
          continue;
        }
      }
      if (v.key) {
        const renamed = v.key(k, at);
        if (renamed !== k) {
          f.renames ??= new Map();
          f.renames.set(k, renamed);
        }
      }
    }
    if (typeof child === 'string') {
      const next = v.string(child, at);
      if (next !== child) setChild(f, k, next);
    } else if (child !== null && typeof child === 'object') {
      stack.push(frame(child, f, k, flagged));
    }
  }
  return root;
}
