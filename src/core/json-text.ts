/**
 * `JSON.stringify(value)` without recursion. V8's stringify recurses, so a HAR custom field
 * nested 100,000 deep ("_x": {"a": {"a": …}}) overflows the stack; this walks an explicit stack
 * and gives the same text (compact) for any JSON-compatible value: `toJSON` is honoured,
 * `undefined`, functions and symbols are dropped from objects and are `null` in arrays,
 * non-finite numbers are `null`. Callers use it when the native call throws RangeError, so the
 * common case keeps the native speed.
 */
type Frame =
  | { kind: 'array'; items: readonly unknown[]; i: number }
  | { kind: 'object'; obj: Record<string, unknown>; keys: string[]; i: number; wrote: boolean };

/** JSON.stringify's SerializeJSONProperty step 2: an object's `toJSON(key)` stands for it. */
function prepare(key: string, value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(value, key) : value;
}

const isJson = (v: unknown) => v === null || typeof v === 'object' || primitive(v) !== undefined;

function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined; // undefined, function, symbol: not JSON
  }
}

export function stringifyIterative(root: unknown): string | undefined {
  const out: string[] = [];
  const stack: Frame[] = [];
  const seen = new Set<object>();
  /** Writes a scalar, or opens a container; false when the value is not JSON (omitted). */
  const open = (value: unknown): boolean => {
    const p = primitive(value);
    if (p !== undefined) {
      out.push(p);
      return true;
    }
    if (value === null || typeof value !== 'object') return false;
    if (seen.has(value)) throw new TypeError('Converting circular structure to JSON');
    seen.add(value);
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ kind: 'array', items: value, i: 0 });
    } else {
      out.push('{');
      const obj = value as Record<string, unknown>;
      stack.push({ kind: 'object', obj, keys: Object.keys(obj), i: 0, wrote: false });
    }
    return true;
  };
  if (!open(prepare('', root))) return undefined;
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.kind === 'array') {
      if (f.i === f.items.length) {
        out.push(']');
        seen.delete(f.items);
        stack.pop();
        continue;
      }
      const i = f.i++;
      if (i > 0) out.push(',');
      if (!open(prepare(String(i), f.items[i]))) out.push('null');
      continue;
    }
    if (f.i === f.keys.length) {
      out.push('}');
      seen.delete(f.obj);
      stack.pop();
      continue;
    }
    const key = f.keys[f.i++]!;
    const value = prepare(key, f.obj[key]);
    if (!isJson(value)) continue;
    out.push(`${f.wrote ? ',' : ''}${JSON.stringify(key)}:`);
    f.wrote = true;
    open(value);
  }
  return out.join('');
}
