import { useEnv } from '../../context.ts';
import type { Row } from '../../store.ts';
import { ExtLink } from './common.tsx';

/**
 * HAL (draft-kelly-json-hal): links resolved against the request URL (§5.1 hrefs may be
 * relative), a link to a URL captured in this session jumps to that row, templated links
 * (RFC 6570) show their variables, CURIEs (§8.2) expand to their documentation, and each
 * `_embedded` resource folds open with its own links. One level of embedding: bounded.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_LINKS = 50;

interface Link {
  rel: string;
  href: string;
  templated: boolean;
  title?: string;
}

function linksOf(resource: Json): Link[] {
  const out: Link[] = [];
  const links = isObject(resource._links) ? resource._links : {};
  for (const [rel, v] of Object.entries(links)) {
    if (rel === 'curies') continue;
    for (const l of Array.isArray(v) ? v : [v]) {
      if (!isObject(l) || typeof l.href !== 'string') continue;
      out.push({
        rel,
        href: l.href,
        templated: l.templated === true,
        ...(typeof l.title === 'string' ? { title: l.title } : {}),
      });
      if (out.length >= MAX_LINKS) return out;
    }
  }
  return out;
}

/** `{?id,page}`, `{id}` → ["id", "page"] (RFC 6570 expressions, operators dropped). */
export function templateVariables(href: string): string[] {
  const vars: string[] = [];
  for (const m of href.matchAll(/\{([^{}]{1,200})\}/g)) {
    for (const v of m[1]!.replace(/^[+#./;?&]/, '').split(','))
      vars.push(v.replace(/[*]$|:\d+$/, '').trim());
  }
  return vars.filter(Boolean);
}

export function resolveHref(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

/** `ex:widgets` with a curie `{ name: "ex", href: "https://docs.example.com/rels/{rel}" }`. */
function curieDocs(resource: Json, rel: string, base: string): string | undefined {
  const colon = rel.indexOf(':');
  if (colon <= 0 || !isObject(resource._links)) return undefined;
  const curies = resource._links.curies;
  for (const c of Array.isArray(curies) ? curies : [curies]) {
    if (isObject(c) && c.name === rel.slice(0, colon) && typeof c.href === 'string')
      return resolveHref(
        c.href.replace(/\{rel\}/g, encodeURIComponent(rel.slice(colon + 1))),
        base,
      );
  }
  return undefined;
}

function LinkList({ resource, base, testid }: { resource: Json; base: string; testid: string }) {
  const { store } = useEnv();
  const rows = store.session().rows;
  const links = linksOf(resource);
  if (!links.length) return null;
  return (
    <ul data-testid={testid}>
      {links.map((l, i) => {
        const docs = curieDocs(resource, l.rel, base);
        const url = l.templated ? undefined : resolveHref(l.href, base);
        // Following a link is a GET: prefer the captured GET of that URL, else any request to it.
        const target = url
          ? (rows.find((r) => r.url === url && r.method === 'GET') ??
            rows.find((r) => r.url === url))
          : undefined;
        return (
          <li key={i} class="hal-link" data-rel={l.rel}>
            <code>{l.rel}</code>
            {docs ? (
              <>
                {' '}
                (<ExtLink href={docs}>{docs}</ExtLink>)
              </>
            ) : null}{' '}
            →{' '}
            {l.templated ? (
              <span class="templated">
                {l.href}{' '}
                <span class="vars" data-testid="hal-vars">
                  variables: {templateVariables(l.href).join(', ') || '(none)'}
                </span>
              </span>
            ) : (
              <ExtLink href={url}>{url ?? l.href}</ExtLink>
            )}
            {l.title ? ` (${l.title})` : ''}
            {target ? (
              <button
                type="button"
                class="jump"
                data-testid="hal-jump"
                data-target={target.id}
                onClick={() => store.open(target.id)}
              >
                Show this request
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function HalSection({ row, json }: { row: Row; json: unknown }) {
  if (!row.ann.hal || !isObject(json)) return null;
  const base = row.url;
  const embedded = isObject(json._embedded) ? json._embedded : {};
  return (
    <section class="d-hal" data-testid="detail-hal">
      <h4>HAL links</h4>
      <LinkList resource={json} base={base} testid="hal-links" />
      {Object.entries(embedded).map(([rel, v]) => {
        const items = (Array.isArray(v) ? v : [v]).filter(isObject).slice(0, MAX_LINKS);
        return (
          <details key={rel} data-testid="hal-embedded">
            <summary>
              _embedded.{rel} ({items.length})
            </summary>
            {items.map((item, i) => (
              <details key={i} class="hal-embedded-item">
                <summary>
                  {rel}[{i}]
                  {typeof item.id === 'string' || typeof item.id === 'number'
                    ? ` id ${item.id}`
                    : ''}
                </summary>
                <LinkList resource={item} base={base} testid="hal-embedded-links" />
                <pre>{JSON.stringify(item, null, 2).slice(0, 10_000)}</pre>
              </details>
            ))}
          </details>
        );
      })}
    </section>
  );
}
