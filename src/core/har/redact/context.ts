import { classifyName, type ExtraNames, type NameKind, type NameVerdict } from './names.ts';

/** What the redactors register secrets with and erase them by (SecretValues, or a probe of it). */
export interface Eraser {
  add(value: string, keyLike: boolean): string;
  erase(text: string): string;
}

/**
 * What every redactor works with: the name rules (with the policy's extra names), the secret
 * values found so far in the log, and the list of what changed in the current entry.
 */
export class Scan {
  /** Paths of what changed in the current entry, in order, without repeats. */
  readonly notes: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly values: Eraser,
    readonly extra: ExtraNames,
    /** Matches any text that may hold a secret name (names.ts `nameHint`). */
    readonly hint: RegExp,
  ) {}

  note(path: string): void {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    this.notes.push(path);
  }

  name(kind: NameKind, name: string): NameVerdict {
    return classifyName(kind, name, this.extra);
  }

  /** A form field is a parameter and a member at once (`client_secret`, `api_key`). */
  field(name: string): NameVerdict {
    const p = this.name('param', name);
    return p.secret ? p : this.name('member', name);
  }

  /** Registers `value` as a secret; returns what replaces it. */
  secret(value: string, keyLike: boolean): string {
    return this.values.add(value, keyLike);
  }
}
