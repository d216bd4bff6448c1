import { parseArgs } from 'node:util';
import type { LogAnnotation } from '../core/annotation.ts';
import { annotationJsonSchema } from '../core/annotation-schema.ts';
import { createProfileSet, parseUserProfiles, statusMeaning } from '../core/profiles/index.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { adviseRetry } from '../core/retry/index.ts';
import { VERSION } from '../core/version.ts';
import { type Annotated, annotateFile } from './annotate-file.ts';
import type { StreamOptions } from './annotate-stream.ts';
import { entryFindings, type Finding, formatGithub, formatText, parseFailOn } from './check.ts';
import { formatSummary } from './format.ts';
import { HarSyntaxError } from './har-parts.ts';
import { CliError, OutputStream, readInput, writeOutput } from './io.ts';
import { describeLoaded, documentedBy, loadOpenApiFiles } from './openapi.ts';
import { escapeControls, terminalSafeJson } from './terminal.ts';
import { defaultThreads, type Pool, startPool } from './threads/pool.ts';
import { BatchWork } from './threads/work.ts';

export { CliError };

const USAGE = `apilens ${VERSION} — explain third-party REST API traffic in HAR files

Usage:
  apilens annotate IN.har [-o OUT.har] [--profiles FILE] [--openapi SPEC]... [--no-redact]
                   [--threads N]
      Write the HAR with entry._apiLens and log._apiLens annotations.
      Secrets are redacted unless --no-redact is given. OUT defaults to stdout.
      A large HAR is annotated on N worker threads (default: one per CPU, up to 4;
      0: none).
  apilens summary IN.har [--json] [--profiles FILE] [--openapi SPEC]...
      Status classes, profiles, retry verdicts, grouped errors and rate-limit peaks.
  apilens explain STATUS [--profile ID] [--method M] [--profiles FILE] [--openapi SPEC]...
      What a status code means for a provider, and whether a retry is safe.
  apilens check IN.har --fail-on LIST [--openapi SPEC]... [--profiles FILE] [--json]
                [--format github]
      A CI gate. LIST: a comma-separated subset of error,unsafe,over-limit,undocumented,schema.
      Exit 3 when an entry meets one (one line per finding), 0 when none does.

--openapi SPEC (OpenAPI 3.0 or 3.1, JSON or YAML) may be repeated: the first that matches wins.
  apilens schema
      The JSON Schema of the annotation format (v1).

"-" reads standard input or writes standard output.
Options: -h, --help   -v, --version`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  profiles: { type: 'string' },
  'no-redact': { type: 'boolean' },
  json: { type: 'boolean' },
  profile: { type: 'string' },
  method: { type: 'string' },
  openapi: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  format: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'string'
      ? string
      : boolean;
};

const ALLOWED: Record<string, (keyof typeof OPTIONS)[]> = {
  annotate: ['output', 'profiles', 'openapi', 'no-redact', 'threads'],
  summary: ['json', 'profiles', 'openapi'],
  explain: ['profile', 'method', 'profiles', 'openapi'],
  check: ['profiles', 'openapi', 'fail-on', 'json', 'format'],
  schema: [],
};

function loadProfiles(path: string | undefined): Profile[] {
  if (!path) return [];
  const parsed = parseUserProfiles(readInput(path));
  if (!parsed.ok) throw new CliError(`invalid profiles in ${path}: ${parsed.errors.join('; ')}`);
  return parsed.profiles;
}

/** --openapi documents first (operation-level knowledge), then --profiles. */
export function userProfiles(values: Pick<Values, 'openapi' | 'profiles'>): Profile[] {
  return [...loadOpenApiFiles(values.openapi), ...loadProfiles(values.profiles)];
}

/**
 * Reads, annotates and (with `out`) writes a HAR one entry at a time; returns `log._apiLens`.
 * Warnings about what real writers bend go to stderr once the file is read.
 */
function streamHar(path: string, opts: StreamOptions, out?: OutputStream): LogAnnotation {
  const what = path === '-' ? 'standard input' : path;
  let done: Annotated;
  try {
    done = annotateFile(path, opts, out);
    out?.close();
  } catch (e) {
    out?.abort();
    if (e instanceof HarSyntaxError) throw new CliError(`${what}: ${e.message}`);
    throw e;
  }
  for (const w of done.stream.warnings.lines())
    process.stderr.write(`apilens: warning: ${what}: ${w}\n`);
  return done.summary;
}

function one(positionals: string[], what: string, command: string): string {
  if (positionals.length === 0) throw new CliError(`${command}: missing ${what}\n\n${USAGE}`, 2);
  if (positionals.length > 1)
    throw new CliError(`${command}: unexpected argument "${positionals[1]}"`, 2);
  return positionals[0]!;
}

/** What the entry point knows that run() cannot: the file a worker thread runs (main.ts, built). */
export interface RunEnv {
  workerScript?: string;
}

const MAX_THREADS = 64;

/** The annotate command's worker threads: --threads, or one per CPU when the CLI can start them. */
function threadPool(values: Values, opts: StreamOptions, env: RunEnv): Pool | undefined {
  const raw = values.threads;
  if (raw !== undefined && !/^\d{1,3}$/.test(raw))
    throw new CliError(`annotate: --threads takes a number of threads (0–${MAX_THREADS})`, 2);
  const threads = raw === undefined ? defaultThreads() : Number(raw);
  if (threads > MAX_THREADS)
    throw new CliError(`annotate: --threads takes a number of threads (0–${MAX_THREADS})`, 2);
  // Workers read the profiles again from their files: standard input can be read only once.
  if (
    threads === 0 ||
    !env.workerScript ||
    values.profiles === '-' ||
    values.openapi?.includes('-')
  )
    return undefined;
  return startPool(
    threads,
    env.workerScript,
    {
      role: 'apilens-annotate',
      profiles: values.profiles,
      openapi: values.openapi,
      redact: opts.redact !== false,
    },
    new BatchWork(opts),
  );
}

export function run(argv: string[], env: RunEnv = {}): number {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }) as never;
  } catch (e) {
    throw new CliError(`${(e as Error).message.replace(/\. To specify.*$/s, '')}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const allowed = ALLOWED[command];
  if (!allowed) throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && !allowed.includes(k as keyof typeof OPTIONS)) {
      throw new CliError(`${command}: option --${k} does not apply here`, 2);
    }
  }

  switch (command) {
    case 'annotate': {
      const input = one(rest, 'the input HAR file', command);
      const profiles = userProfiles(values);
      const opts = {
        redact: !values['no-redact'],
        // Their key names (OpenAPI apiKey schemes included) are secrets: redaction reads them.
        userProfiles: profiles,
      };
      const pool = threadPool(values, opts, env);
      try {
        streamHar(input, { ...opts, ...(pool ? { pool } : {}) }, new OutputStream(values.output));
      } finally {
        pool?.close();
      }
      return 0;
    }
    case 'summary': {
      const input = one(rest, 'the input HAR file', command);
      const profiles = userProfiles(values);
      const summary = streamHar(input, {
        redact: true,
        // Their key names (OpenAPI apiKey schemes included) are secrets: redaction reads them.
        userProfiles: profiles,
      });
      writeOutput(
        undefined,
        values.json
          ? `${terminalSafeJson(JSON.stringify(summary, null, 2))}\n`
          : formatSummary(summary),
      );
      return 0;
    }
    case 'explain': {
      const raw = one(rest, 'the STATUS code', command);
      const code = Number(raw);
      if (!/^\d{3}$/.test(raw) || code < 100 || code > 599) {
        throw new CliError(`explain: "${raw}" is not an HTTP status code (100–599)`, 2);
      }
      const mine = userProfiles(values);
      const set = createProfileSet(mine);
      // With a document and no --profile, the first document explains.
      const id = values.profile ?? mine.find((p) => p.openapi)?.id ?? 'generic';
      const profile = set.all().find((p) => p.id === id);
      if (!profile)
        throw new CliError(
          `explain: unknown profile "${id}" (known: ${set
            .all()
            .map((p) => p.id)
            .join(', ')})`,
          2,
        );
      const method = (values.method ?? 'GET').toUpperCase();
      const meaning = statusMeaning(code, profile);
      const retry = adviseRetry({
        method,
        status: code,
        requestHeaders: [],
        responseHeaders: [],
        profile,
        now: 0,
      });
      const lines = [
        `${meaning.code} ${meaning.text} — ${profile.name}${meaning.source === 'rfc' && profile.id !== 'generic' ? ' (not documented by the provider; RFC meaning)' : ''}`,
        '',
        meaning.meaning,
        `Source: ${meaning.cite ?? meaning.source}`,
        '',
        `Retry (${method}): ${retry.verdict}${retry.afterSeconds !== undefined ? ` after ${retry.afterSeconds}s` : ''}`,
        retry.reason,
        ...(retry.schedule
          ? [`Suggested delays: ${retry.schedule.map((s) => `${s}s`).join(', ')}`]
          : []),
        ...documentedBy(profile, code, method),
        ...(profile.openapi ? ['', ...describeLoaded(profile)] : []),
      ];
      writeOutput(undefined, `${lines.map(escapeControls).join('\n')}\n`);
      return 0;
    }
    case 'check': {
      const conditions = parseFailOn(values['fail-on']);
      if (values.format !== undefined && values.format !== 'github' && values.format !== 'text')
        throw new CliError(`check: unknown --format "${values.format}" (github or text)`, 2);
      if (values.json && values.format === 'github')
        throw new CliError('check: --json and --format github do not go together', 2);
      const input = one(rest, 'the input HAR file', command);
      const profiles = userProfiles(values);
      if (
        conditions.some((c) => c === 'undocumented' || c === 'schema') &&
        !profiles.some((p) => p.openapi)
      ) {
        process.stderr.write(
          'apilens: warning: check: undocumented and schema need an --openapi document; without one they find nothing\n',
        );
      }
      const list: Finding[] = [];
      streamHar(input, {
        redact: true,
        userProfiles: profiles,
        onEntry: (e, index) => list.push(...entryFindings(e, index, conditions)),
      });
      if (values.json)
        writeOutput(undefined, `${terminalSafeJson(JSON.stringify(list, null, 2))}\n`);
      else {
        const fmt = values.format === 'github' ? formatGithub : formatText;
        writeOutput(undefined, list.map((f) => `${fmt(f)}\n`).join(''));
      }
      return list.length ? 3 : 0;
    }
    case 'schema': {
      if (rest.length) throw new CliError(`schema: unexpected argument "${rest[0]}"`, 2);
      writeOutput(undefined, `${JSON.stringify(annotationJsonSchema(), null, 2)}\n`);
      return 0;
    }
  }
  return 2;
}
