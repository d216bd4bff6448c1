import type { EntryAnnotation } from '../../../core/annotation.ts';
import { ExtLink } from './common.tsx';

export function ErrorSection({ error }: { error: NonNullable<EntryAnnotation['error']> }) {
  const fields = Object.entries(error.fieldErrors ?? {});
  return (
    <section class="d-error" data-testid="detail-error">
      <h4>Decoded error ({error.format})</h4>
      <ul class="messages">
        {error.messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      {error.truncated ? <p class="warn">Only the head of a very large body was decoded.</p> : null}
      {fields.length ? (
        <table class="fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Errors</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([f, msgs]) => (
              <tr key={f}>
                <td>{f}</td>
                <td>{msgs.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error.code ? (
        <p class="code">
          Code: <code>{error.code}</code>
          {error.codeMeaning ? ` — ${error.codeMeaning}` : ''}
        </p>
      ) : null}
      {error.docs ? (
        <p class="docs">
          Docs: <ExtLink href={error.docs}>{error.docs}</ExtLink>
        </p>
      ) : null}
    </section>
  );
}
