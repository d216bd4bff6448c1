/**
 * Lookups keyed by network or user data. A plain object answers `constructor`, `toString` and
 * `__proto__` from Object.prototype, so a body `{"error":{"code":"constructor"}}` would find
 * `Object` as its documented meaning. Read such tables through `own`, build them with `dict`.
 */

/** `table[key]` when `table` has `key` as its own property, else undefined. */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An empty object without a prototype: any string is a safe key, `__proto__` included. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
