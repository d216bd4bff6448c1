import type { Entry } from 'har-format';

/**
 * The last requests webRequest saw finish in each tab, as body-less HAR entries (observe.ts), so
 * the panel can recover the ones Firefox DevTools never reported (devtools/observed.ts). Memory
 * only, never stored; bounded per tab, the oldest forgotten first.
 */
export const MAX_OBSERVED_PER_TAB = 2_000;

export class ObservedRing {
  private readonly tabs = new Map<number, Entry[]>();

  constructor(private readonly max = MAX_OBSERVED_PER_TAB) {}

  record(tabId: number, entry: Entry): void {
    let list = this.tabs.get(tabId);
    if (!list) {
      list = [];
      this.tabs.set(tabId, list);
    }
    list.push(entry);
    if (list.length > this.max) list.splice(0, list.length - this.max);
  }

  /** The tab's entries that started in [since, until), in the order they finished. */
  between(tabId: number, since: number, until: number): Entry[] {
    return (this.tabs.get(tabId) ?? []).filter((e) => {
      const at = Date.parse(e.startedDateTime);
      return at >= since && at < until;
    });
  }

  clear(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
