import type { Row } from '../../store.ts';
import { ExtLink } from './common.tsx';

/**
 * RFC 9457 problem details, member by member: `type` (a link only when http(s)), `title`,
 * `status` (flagged when it differs from the HTTP status, §3.1.2), `detail`, `instance`, every
 * extension member (§3.2) and `errors[]` with their JSON Pointers (§3's validation example).
 * Values are rendered as text, never as HTML.
 */

const STANDARD = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);
const MAX_MEMBERS = 100;
const MAX_VALUE = 500;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

/** The problem document, when the response is one (by media type or by what was decoded). */
export function problemOf(row: Row, json: unknown): Json | undefined {
  if (!isObject(json)) return undefined;
  const mt = (row.entry.response.content.mimeType ?? '').toLowerCase();
  const decoded = row.ann.error?.format.startsWith('problem-');
  return mt.includes('problem+json') || decoded ? json : undefined;
}

/** An error's pointer: RFC 9457's `pointer`, JSON:API's `source.pointer`, or `field`. */
function pointerOf(e: Json): string {
  const source = isObject(e.source) ? e.source : undefined;
  const p = e.pointer ?? source?.pointer ?? e.field ?? e.path;
  return typeof p === 'string' ? p : p === undefined ? '' : text(p);
}

export function ProblemSection({ row, problem }: { row: Row; problem: Json }) {
  const http = row.status;
  const status = problem.status;
  const differs = typeof status === 'number' && status !== http;
  const extensions = Object.entries(problem)
    .filter(([k]) => !STANDARD.has(k))
    .slice(0, MAX_MEMBERS);
  const errors = Array.isArray(problem.errors) ? problem.errors.slice(0, MAX_MEMBERS) : [];
  const type = typeof problem.type === 'string' ? problem.type : 'about:blank';
  return (
    <section class="d-problem" data-testid="detail-problem">
      <h4>Problem details (RFC 9457)</h4>
      <dl>
        <dt>type</dt>
        <dd data-testid="problem-type">
          <ExtLink href={type}>{type}</ExtLink>
        </dd>
        {problem.title !== undefined ? (
          <>
            <dt>title</dt>
            <dd data-testid="problem-title">{text(problem.title)}</dd>
          </>
        ) : null}
        {status !== undefined ? (
          <>
            <dt>status</dt>
            <dd data-testid="problem-status" class={differs ? 'warn' : undefined}>
              {text(status)}
              {differs ? ` — differs from the HTTP status ${http || '(none)'}` : ''}
            </dd>
          </>
        ) : null}
        {problem.detail !== undefined ? (
          <>
            <dt>detail</dt>
            <dd data-testid="problem-detail">{text(problem.detail)}</dd>
          </>
        ) : null}
        {problem.instance !== undefined ? (
          <>
            <dt>instance</dt>
            <dd data-testid="problem-instance">{text(problem.instance)}</dd>
          </>
        ) : null}
      </dl>
      {extensions.length ? (
        <table class="fields" data-testid="problem-extensions">
          <caption>Extension members</caption>
          <tbody>
            {extensions.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{text(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {errors.length ? (
        <table class="fields" data-testid="problem-errors">
          <caption>errors</caption>
          <thead>
            <tr>
              <th>JSON Pointer</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => {
              const o: Json = isObject(e) ? e : { detail: e };
              const msg = [o.title, o.detail ?? o.message].filter((x) => x !== undefined);
              return (
                <tr key={i}>
                  <td>
                    <code>{pointerOf(o)}</code>
                  </td>
                  <td>{msg.length ? msg.map(text).join(': ') : text(o)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
