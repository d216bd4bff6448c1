import { useState } from 'preact/hooks';
import {
  retryCode,
  supportPacket,
  toCurl,
  toFetch,
  toNodeFetch,
} from '../../../core/copy/index.ts';
import { mediaType } from '../../../core/http.ts';
import { useEnv } from '../../context.ts';
import type { Row } from '../../store.ts';
import { Toggle } from '../Toggle.tsx';
import { CopyButton } from './common.tsx';

/** The row's profile: its key headers are secrets, its support contact heads the packet. */
function useProfile(row: Row) {
  const { store } = useEnv();
  // The media type too: some profiles are recognised by it (HAL + Problem Details has no host).
  return store.session().engine.profileFor(row.url, mediaType(row.entry.response.content.mimeType))
    .profile;
}

/** Request id and "Copy support details" (always redacted: a packet is shared). */
export function SupportSection({ row }: { row: Row }) {
  const profile = useProfile(row);
  return (
    <section class="d-support">
      <h4>Request id</h4>
      <p>
        <code data-testid="detail-request-id">{row.ann.requestId ?? 'none sent'}</code>
      </p>
      <CopyButton
        label="Copy support details"
        testid="copy-support"
        text={() => supportPacket(row.entry, row.ann, profile)}
      />
    </section>
  );
}

/** Copy as cURL / fetch / Node fetch / retry code: redacted unless "Include secrets". */
export function CopySection({ row }: { row: Row }) {
  const profile = useProfile(row);
  const [secrets, setSecrets] = useState(false);
  const opts = { secrets, profile };
  return (
    <section class="d-curl" data-testid="detail-copy">
      <Toggle
        label="Include secrets"
        testid="curl-secrets"
        checked={secrets}
        onChange={setSecrets}
      />
      <CopyButton label="Copy as cURL" testid="copy-curl" text={() => toCurl(row.entry, opts)} />
      <CopyButton label="Copy as fetch" testid="copy-fetch" text={() => toFetch(row.entry, opts)} />
      <CopyButton
        label="Copy as Node fetch"
        testid="copy-node-fetch"
        text={() => toNodeFetch(row.entry, opts)}
      />
      <CopyButton
        label="Copy retry code"
        testid="copy-retry"
        text={() => retryCode(row.entry, row.ann, opts)}
      />
    </section>
  );
}
