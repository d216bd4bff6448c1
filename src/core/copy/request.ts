import type { Entry } from 'har-format';
import { redactEntry } from '../har/redact.ts';
import type { Header } from '../http.ts';
import type { SecretNameLists } from '../profiles/schema.ts';

/** What every copy action starts from: the request, redacted unless the user chose otherwise. */
export interface CopyRequest {
  method: string;
  url: string;
  /** Headers worth sending again (no HTTP/2 pseudo-headers, no framing). */
  headers: Header[];
  body: string | undefined;
  /** Paths of what redaction removed (empty when `secrets` was chosen). */
  redacted: string[];
}

export interface CopyOptions {
  /** Include credentials: an explicit user choice; redaction is the default. */
  secrets?: boolean;
  /** The entry's profile: its key headers and parameters are secrets too. */
  profile?: SecretNameLists | undefined;
}

// Framing and connection state are the client's job (RFC 9110 §7.2 Host, §8.6 Content-Length;
// RFC 9112 §9.6 Connection), and HTTP/2 pseudo-headers (RFC 9113 §8.3) are not headers at all.
const NOT_RESENT = /^(:|content-length$|host$|connection$|keep-alive$|transfer-encoding$)/i;

/** The entry through the one redaction module (src/core/har/redact.ts), ready to copy. */
export function copyRequest(entry: Entry, opts: CopyOptions = {}): CopyRequest {
  const { entry: e, removed } = opts.secrets
    ? { entry, removed: [] as string[] }
    : redactEntry(entry, { profile: opts.profile });
  const { method, url, headers, postData } = e.request;
  return {
    // As sent: method names are case-sensitive (RFC 9110 §9.1).
    method,
    url,
    headers: (headers ?? []).filter((h) => !NOT_RESENT.test(h.name)),
    body: postData?.text || undefined,
    redacted: removed,
  };
}
