import type { Engine } from '../core/engine.ts';
import type { BodyBudget } from './budget.ts';
import { LIVE, type PanelState, type Session } from './state.ts';

/** A session with no rows yet. */
export const newSession = (id: string, name: string, kind: Session['kind'], engine: Engine) =>
  ({ id, name, kind, rows: [], engine, evicted: 0, version: 0 }) as Session;

/**
 * The store's actions on sessions as a whole: create, show, switch, close. The live session
 * is never closed. store.ts holds the rows these sessions fill.
 */
export function sessionActions(
  get: () => PanelState,
  set: (patch: Partial<PanelState>) => void,
  budget: BodyBudget,
  dropRows: (s: Session) => void,
) {
  let nextSession = 1;
  const actions = {
    /** A session for an import, not shown until `showSession` (jobs.ts fills it in slices). */
    createImportSession(name: string, engine: Engine): Session {
      return newSession(`import-${nextSession++}`, name, 'import', engine);
    },
    showSession(s: Session) {
      set({
        sessions: [...get().sessions, s],
        activeId: s.id,
        selectedId: undefined,
        detailOpen: false,
        group: undefined,
      });
    },
    /** An import that never finished: its rows leave the budget. */
    discardSession(s: Session) {
      dropRows(s);
      if (get().sessions.includes(s)) actions.closeSession(s.id);
    },
    switchSession(id: string) {
      set({ activeId: id, selectedId: undefined, detailOpen: false, group: undefined });
    },
    closeSession(id: string) {
      if (id === LIVE) return;
      const state = get();
      const closing = state.sessions.find((s) => s.id === id);
      if (closing) budget.releaseAll(closing.rows);
      set({
        sessions: state.sessions.filter((s) => s.id !== id),
        budget: budget.stats(),
        ...(state.activeId === id
          ? { activeId: LIVE, selectedId: undefined, detailOpen: false }
          : {}),
      });
    },
  };
  return actions;
}
