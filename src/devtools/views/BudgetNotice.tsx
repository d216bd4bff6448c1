import { MIB } from '../budget.ts';
import { usePanelState } from '../context.ts';
import { count } from '../format.ts';

const mib = (n: number) => `${(n / MIB).toFixed(n < 10 * MIB ? 1 : 0)} MiB`;

/** Says how many bodies the memory budget dropped (their rows stay). */
export function BudgetNotice() {
  const { budget } = usePanelState();
  if (budget.droppedBodies === 0) return null;
  return (
    <div
      class="notice budget"
      role="status"
      data-testid="budget-notice"
      data-dropped={budget.droppedBodies}
    >
      Memory budget of {mib(budget.limit)} reached: the bodies of the {count(budget.droppedBodies)}{' '}
      oldest requests ({mib(budget.droppedBytes)}) were dropped; their rows stay. Raise the budget
      in Profiles &amp; settings.
    </div>
  );
}
