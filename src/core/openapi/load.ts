import { parse as parseYaml } from 'yaml';
import type { Profile } from '../profiles/schema.ts';
import { compileOpenApi } from './compile.ts';
import { OpenApiError } from './schemas.ts';

/**
 * Loading a document, JSON or YAML, into a compiled profile. Every failure is one line —
 * never a hang, never a stack trace: YAML alias bombs are bounded by the parser's alias budget,
 * and a document nested too deep for the parser is reported, not thrown.
 */

export type LoadResult = { ok: true; profile: Profile } | { ok: false; error: string };

// Past this a document is not something we hold in storage.local or the panel's memory.
const MAX_CHARS = 64 * 1024 * 1024;

function oneLine(s: string): string {
  // The YAML parser's messages carry a code frame after the first line: keep the first line.
  const first = s.split('\n')[0] ?? s;
  return (
    first
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not reach a terminal
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, 300)
  );
}

function parseText(text: string): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*[{[]/.test(t)) {
    try {
      return JSON.parse(t);
    } catch (e) {
      throw new OpenApiError(`not valid JSON: ${oneLine((e as Error).message)}`);
    }
  }
  try {
    // JSON is YAML 1.2, so this also reads JSON that does not start with a brace.
    // maxAliasCount bounds "billion laughs" alias expansion (yaml's own guard).
    return parseYaml(t, { maxAliasCount: 1000, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) throw new OpenApiError('YAML nests too deeply to read');
    throw new OpenApiError(`not valid YAML: ${oneLine((e as Error).message)}`);
  }
}

/** Parses and compiles `text`; `name` (a file name) prefixes the error line. */
export function loadOpenApi(text: string, now?: number): LoadResult {
  try {
    if (text.length > MAX_CHARS)
      throw new OpenApiError(`document larger than ${MAX_CHARS / 1024 / 1024} MiB: not loaded`);
    const profile = compileOpenApi(parseText(text));
    if (now !== undefined && profile.openapi) profile.openapi.importedAt = now;
    return { ok: true, profile };
  } catch (e) {
    if (e instanceof OpenApiError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: 'document nests too deeply to read' };
    return { ok: false, error: `could not load: ${oneLine(String((e as Error)?.message ?? e))}` };
  }
}
