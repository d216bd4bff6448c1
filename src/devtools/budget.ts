import { bodyChars, indexOfId, type Row, withoutBody } from './rows.ts';

/**
 * The panel's memory budget (issue 12): the response bodies held across all sessions, live
 * and imported, are bounded (request bodies are small and stay). Past the budget the oldest
 * bodies go first; their rows stay and say why they have no body (BodyState 'budget'). Sizes
 * are UTF-16 code units, which V8 stores in one byte each for the ASCII text of most traffic.
 */

export const MIB = 1024 * 1024;
export const DEFAULT_BUDGET_BYTES = 256 * MIB;

/** What the budget tracks of a session: its rows (sorted by id) and their change counter. */
export interface RowHolder {
  rows: Row[];
  version: number;
}

export interface BudgetStats {
  limit: number;
  used: number;
  /** Bodies dropped so far, and their size. */
  droppedBodies: number;
  droppedBytes: number;
}

export class BodyBudget {
  // By row id; Map keeps insertion order, and rows are added oldest first: the head is oldest.
  private held = new Map<number, { holder: RowHolder; chars: number }>();
  private used = 0;
  private droppedBodies = 0;
  private droppedBytes = 0;

  constructor(private limit = DEFAULT_BUDGET_BYTES) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  /** Counts a new row's bodies. */
  add(holder: RowHolder, row: Row): void {
    const chars = bodyChars(row.entry);
    if (chars === 0) return;
    this.held.set(row.id, { holder, chars });
    this.used += chars;
  }

  /** The row left the panel (evicted by count, cleared, its session closed). */
  release(id: number): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    this.used -= h.chars;
  }

  releaseAll(rows: readonly Row[]): void {
    for (const r of rows) this.release(r.id);
  }

  /** Drops the oldest bodies until the total fits; returns how many it dropped now. */
  enforce(): number {
    let dropped = 0;
    if (this.used <= this.limit) return 0;
    for (const [id, h] of this.held) {
      if (this.used <= this.limit) break;
      this.held.delete(id);
      this.used -= h.chars;
      const rows = h.holder.rows;
      const i = indexOfId(rows, id);
      if (i >= 0) {
        const r = rows[i]!;
        rows[i] = { ...r, entry: withoutBody(r.entry), body: 'budget' };
        h.holder.version++;
      }
      this.droppedBodies++;
      this.droppedBytes += h.chars;
      dropped++;
    }
    return dropped;
  }

  stats(): BudgetStats {
    return {
      limit: this.limit,
      used: this.used,
      droppedBodies: this.droppedBodies,
      droppedBytes: this.droppedBytes,
    };
  }
}
