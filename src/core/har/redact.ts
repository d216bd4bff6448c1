/** The redaction module lives in ./redact/ (one job per file); this is its public face. */
export {
  LogRedaction,
  REDACTED,
  type Redacted,
  type RedactOptions,
  redactEntry,
  redactUrl,
} from './redact/index.ts';
