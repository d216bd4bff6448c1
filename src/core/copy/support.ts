import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../annotation.ts';
import { redactEntry } from '../har/redact.ts';
import type { Profile } from '../profiles/schema.ts';
import { toCurl } from './curl.ts';
import { copyRequest } from './request.ts';

/** The profile facts a support packet uses. */
export type SupportProfile = Pick<Profile, 'name' | 'keyHeaders' | 'keyQueryParams' | 'support'>;

/** `2026-11-03T12:00:00.000Z`: support desks live in many time zones; UTC is unambiguous. */
function utc(startedDateTime: string): string {
  const t = Date.parse(startedDateTime);
  return Number.isNaN(t) ? startedDateTime : new Date(t).toISOString();
}

/**
 * Copy support details: a ready-to-paste packet with what a provider's support asks for — who
 * to contact (from the profile), API version, request id, UTC time, method and redacted URL,
 * status with the decoded message, and a redacted cURL. Always redacted: a packet is shared.
 */
export function supportPacket(
  entry: Entry,
  annotation: EntryAnnotation,
  profile?: SupportProfile,
): string {
  const opts = { profile };
  // The decoded message may echo a credential (an error quoting the token it rejected).
  const ann = redactEntry(entry, { profile }, annotation).annotation;
  const r = copyRequest(entry, opts);
  const lines: string[] = [];
  if (profile?.support?.contact) lines.push(`Contact: ${profile.support.contact}`);
  lines.push(
    `API: ${profile?.name ?? ann.profile}${ann.apiVersion ? `, version ${ann.apiVersion}` : ''}`,
  );
  lines.push(`Request ID: ${ann.requestId ?? '(none sent)'}`);
  lines.push(`Time (UTC): ${utc(entry.startedDateTime)}`);
  lines.push(`Request: ${r.method} ${r.url}`);
  const status = `${ann.status.code || 'no response'} ${ann.status.text}`.trimEnd();
  lines.push(`Status: ${status}`);
  if (ann.error) {
    lines.push(`Error: ${ann.error.messages.join('; ')}`);
    if (ann.error.code) lines.push(`Code: ${ann.error.code}`);
  } else if (ann.status.meaning) {
    lines.push(`Meaning: ${ann.status.meaning}`);
  }
  if (profile?.support?.include) lines.push(`What support asks for: ${profile.support.include}`);
  lines.push('', 'cURL (credentials redacted):', toCurl(entry, opts));
  return lines.join('\n');
}
