import { useState } from 'preact/hooks';
import type { RecentError } from '../core/messages.ts';

function RequestId({ id, copy }: { id: string; copy: (t: string) => Promise<void> }) {
  const [copied, setCopied] = useState(false);
  return (
    <span class="request-id">
      <code data-testid="request-id">{id}</code>
      <button
        type="button"
        class="link"
        aria-label={`Copy request id ${id}`}
        onClick={() =>
          copy(id).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

/** The latest errors: status, method, path, the documented meaning and the request id. */
export function ErrorList({
  errors,
  copy,
}: {
  errors: readonly RecentError[];
  copy: (t: string) => Promise<void>;
}) {
  if (!errors.length) return null;
  return (
    <section aria-labelledby="errors-h">
      <h2 id="errors-h">Latest errors</h2>
      <ol class="errors">
        {errors.map((e) => (
          <li key={`${e.at}-${e.method}-${e.path}`} data-testid="error" class="error">
            <div class="error-head">
              <span class={`status status-${Math.floor(e.status / 100)}xx`}>
                {e.status || 'ERR'}
              </span>{' '}
              <span class="method">{e.method}</span>{' '}
              <span class="path" title={`${e.host}${e.path}`}>
                {e.path}
              </span>
            </div>
            <div class="message">{e.message}</div>
            <div class="meaning" data-testid="meaning">
              {e.meaning}
            </div>
            {e.requestId ? <RequestId id={e.requestId} copy={copy} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
