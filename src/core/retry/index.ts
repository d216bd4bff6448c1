/** The retry advisor: verdict + reason + suggested schedule (DESIGN.md "Retry verdicts"). */
export { adviseRetry } from './advise.ts';
export { BACKOFF_DEFAULTS, backoffSchedule } from './backoff.ts';
export { parseHttpDate, parseRetryAfter } from './http-date.ts';
export type { BackoffOptions, RetryInput } from './types.ts';
