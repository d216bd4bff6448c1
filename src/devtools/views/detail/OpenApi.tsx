import type { EntryAnnotation } from '../../../core/annotation.ts';

/**
 * What an OpenAPI document says about this request: the matched operation
 * (`getInstance — GET /v1/instances/{instanceId}` and the document's title), whether it
 * documents the status, and — next to the body — each schema violation with its JSON Pointer.
 */

function whitespace(s: string): string {
  // Descriptions are kept as written (Markdown included); only whitespace is normalised here.
  return s.replace(/\s+/g, ' ').trim();
}

export function OperationSection({ ann }: { ann: EntryAnnotation }) {
  const op = ann.operation;
  if (!op) return null;
  const line = `${op.id ? `${op.id} — ` : ''}${op.method} ${op.path}`;
  const { documented, code } = ann.status;
  return (
    <section class="d-operation" data-testid="detail-operation">
      <p>
        <code data-testid="operation-line">{line}</code>{' '}
        <span class="spec" data-testid="operation-spec">
          {op.spec}
        </span>
      </p>
      {op.summary ? <p class="summary">{whitespace(op.summary)}</p> : null}
      {documented === undefined ? null : (
        <p
          class={documented ? 'documented' : 'undocumented'}
          data-testid="operation-documented"
          data-documented={String(documented)}
        >
          {documented
            ? `${code} is documented for this operation.`
            : `${code}: not documented for this operation`}
        </p>
      )}
    </section>
  );
}

export function SchemaSection({ ann }: { ann: EntryAnnotation }) {
  const s = ann.schema;
  if (!s) return null;
  if (s.valid)
    return (
      <p class="d-schema ok" data-testid="detail-schema" data-valid="true">
        The body matches the documented schema.
      </p>
    );
  return (
    <section class="d-schema" data-testid="detail-schema" data-valid="false">
      <h4>Schema violations</h4>
      <ul>
        {(s.errors ?? []).map((e, i) => (
          <li key={i} data-testid="schema-violation">
            <code class="pointer">{e.path === '' ? '(root)' : e.path}</code> {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
