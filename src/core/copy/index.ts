/** Copy actions: cURL, fetch, Node fetch, support packet, retry code. Pure; redacted by default. */
export { toCurl } from './curl.ts';
export { toFetch, toNodeFetch } from './fetch.ts';
export { jsString, shellQuote } from './quote.ts';
export { type CopyOptions, type CopyRequest, copyRequest } from './request.ts';
export { retryCode, retryPlan } from './retry-code.ts';
export { type SupportProfile, supportPacket } from './support.ts';
