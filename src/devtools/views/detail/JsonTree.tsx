import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/**
 * A parsed JSON body as a folding tree. Each container's toggle is a native button with
 * aria-expanded (the disclosure pattern: Tab, Enter/Space, ArrowRight/ArrowLeft). Only expanded
 * containers render their children, a page at a time, so a 10,000-member array costs one page.
 * Keys and strings come from the network: they are rendered as text nodes, read through
 * Object.entries (a `__proto__` key is an own property there) and never used to index an object.
 */

/** Children rendered per page of an expanded container. */
export const PAGE = 100;
/** Search stops counting here: the count says "1000+" rather than walking on. */
export const MATCH_MAX = 1000;

type Seg = string | number;
/** A node's path as a Set/Map key; JSON keeps segments unambiguous whatever they contain. */
const keyOf = (path: readonly Seg[]): string => JSON.stringify(path);

function children(value: unknown): [Seg, unknown][] | undefined {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return undefined;
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

interface Match {
  path: Seg[];
}

/** Nodes whose key or scalar value contains `needle` (case-insensitive), in document order. */
export function findMatches(root: unknown, needle: string, max = MATCH_MAX): Match[] {
  const q = needle.toLowerCase();
  const out: Match[] = [];
  if (!q) return out;
  // Iterative pre-order walk: network data's depth never reaches our call stack.
  const stack: { value: unknown; path: Seg[]; key: Seg | undefined }[] = [
    { value: root, path: [], key: undefined },
  ];
  while (stack.length && out.length < max) {
    const { value, path, key } = stack.pop()!;
    const kids = children(value);
    const keyHit = typeof key === 'string' && key.toLowerCase().includes(q);
    if (keyHit || (!kids && scalar(value).toLowerCase().includes(q))) out.push({ path });
    if (kids) {
      for (let i = kids.length - 1; i >= 0; i--) {
        const [k, v] = kids[i]!;
        stack.push({ value: v, path: [...path, k], key: k });
      }
    }
  }
  return out;
}

/** `text` with every occurrence of `q` (case-insensitive) in a <mark>, all as text nodes. */
function Marked({ text, q }: { text: string; q: string }) {
  const lower = text.toLowerCase();
  // Lower-casing can change a string's length (e.g. 'İ'); then offsets would not line up.
  if (!q || lower.length !== text.length) return <>{text}</>;
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (let i = lower.indexOf(q, at); i >= 0 && q; i = lower.indexOf(q, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(<mark key={i}>{text.slice(i, i + q.length)}</mark>);
    at = i + q.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

interface TreeState {
  open: Set<string>;
  shown: Map<string, number>;
  q: string;
  current: string | undefined;
  toggle: (key: string) => void;
  more: (key: string) => void;
}

function Node({
  name,
  value,
  path,
  s,
}: {
  name: Seg | undefined;
  value: unknown;
  path: Seg[];
  s: TreeState;
}) {
  const key = keyOf(path);
  const kids = children(value);
  const ref = useRef<HTMLLIElement>(null);
  const isCurrent = s.current === key;
  useEffect(() => {
    if (isCurrent) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isCurrent]);
  const label =
    name === undefined ? null : (
      <span class="jt-key">
        {typeof name === 'number' ? name : <Marked text={JSON.stringify(name)} q={s.q} />}:{' '}
      </span>
    );
  const cls = `jt-node${isCurrent ? ' jt-current' : ''}`;
  if (!kids) {
    return (
      <li ref={ref} class={cls} data-path={key}>
        {label}
        <span class={`jt-val jt-${value === null ? 'null' : typeof value}`}>
          <Marked text={scalar(value)} q={s.q} />
        </span>
      </li>
    );
  }
  const open = s.open.has(key);
  const array = Array.isArray(value);
  const shown = s.shown.get(key) ?? PAGE;
  const summary = array ? `Array(${kids.length})` : `{${kids.length} keys}`;
  return (
    <li ref={ref} class={cls} data-path={key}>
      <button
        type="button"
        class="jt-toggle"
        aria-expanded={open}
        onClick={() => s.toggle(key)}
        onKeyDown={(e) => {
          if ((e.key === 'ArrowRight' && !open) || (e.key === 'ArrowLeft' && open)) {
            e.preventDefault();
            s.toggle(key);
          }
        }}
      >
        {open ? '▾' : '▸'} {label}
        <span class="jt-summary">{summary}</span>
      </button>
      {open ? (
        <ul>
          {kids.slice(0, shown).map(([k, v]) => (
            <Node key={String(k)} name={k} value={v} path={[...path, k]} s={s} />
          ))}
          {kids.length > shown ? (
            <li>
              <button type="button" class="jt-more" onClick={() => s.more(key)}>
                Show more ({kids.length - shown} of {kids.length} not shown)
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

/** A JSON value as a tree with search; the root starts expanded. */
export function JsonTree({ value, testid = 'json-tree' }: { value: unknown; testid?: string }) {
  const [open, setOpen] = useState(() => new Set([keyOf([])]));
  const [shown, setShown] = useState(() => new Map<string, number>());
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const q = query.toLowerCase();
  const matches = useMemo(() => findMatches(value, query), [value, query]);
  const match = matches[index];
  // Reveal the current match: open every ancestor and page far enough to reach it.
  useEffect(() => {
    if (!match) return;
    setOpen((prev) => {
      const next = new Set(prev);
      for (let i = 0; i < match.path.length; i++) next.add(keyOf(match.path.slice(0, i)));
      return next;
    });
    setShown((prev) => {
      const next = new Map(prev);
      let node: unknown = value;
      for (let i = 0; i < match.path.length; i++) {
        const kids = children(node) ?? [];
        const seg = match.path[i];
        const at = kids.findIndex(([k]) => k === seg);
        const key = keyOf(match.path.slice(0, i));
        const need = Math.ceil((at + 1) / PAGE) * PAGE;
        if (need > (next.get(key) ?? PAGE)) next.set(key, need);
        node = kids[at]?.[1];
      }
      return next;
    });
  }, [match, value]);
  const s: TreeState = {
    open,
    shown,
    q,
    current: match ? keyOf(match.path) : undefined,
    toggle: (key) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    more: (key) => setShown((prev) => new Map(prev).set(key, (prev.get(key) ?? PAGE) + PAGE)),
  };
  const step = (d: number) =>
    matches.length && setIndex((i) => (i + d + matches.length) % matches.length);
  return (
    <div class="json-tree">
      <div class="jt-search">
        <input
          type="search"
          placeholder="Find in body"
          aria-label="Find in body"
          data-testid={`${testid}-search`}
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
          }}
        />
        {query ? (
          <span class="note" data-testid={`${testid}-search-count`}>
            {matches.length
              ? `${index + 1} of ${matches.length}${matches.length >= MATCH_MAX ? '+' : ''}`
              : 'No matches'}
          </span>
        ) : null}
        {matches.length > 1 ? (
          <>
            <button type="button" aria-label="Previous match" onClick={() => step(-1)}>
              ↑
            </button>
            <button type="button" aria-label="Next match" onClick={() => step(1)}>
              ↓
            </button>
          </>
        ) : null}
      </div>
      <ul class="jt-root" data-testid={testid}>
        <Node name={undefined} value={value} path={[]} s={s} />
      </ul>
    </div>
  );
}
