import type { EntryAnnotation } from '../../../core/annotation.ts';
import { own } from '../../../core/own.ts';
import { ExtLink } from './common.tsx';

export function HalSection({ ann, json }: { ann: EntryAnnotation; json: unknown }) {
  const hal = ann.hal;
  if (!hal) return null;
  const embedded = (json as { _embedded?: Record<string, unknown> } | undefined)?._embedded;
  return (
    <section class="d-hal" data-testid="detail-hal">
      <h4>HAL links</h4>
      <ul>
        {hal.links.map((l, i) => (
          <li key={i}>
            <code>{l.rel}</code> → <ExtLink href={l.href}>{l.href}</ExtLink>
            {l.title ? ` (${l.title})` : ''}
          </li>
        ))}
      </ul>
      {hal.embedded.map((e) => (
        <details key={e.rel}>
          <summary>
            _embedded.{e.rel} ({e.count})
          </summary>
          <pre>{JSON.stringify(own(embedded, e.rel) ?? null, null, 2)}</pre>
        </details>
      ))}
    </section>
  );
}
