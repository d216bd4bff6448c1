import { MIB } from '../budget.ts';
import { useEnv, usePanelState } from '../context.ts';

function NumberSetting(props: {
  testid: string;
  min: number;
  step: number;
  value: number;
  onChange: (n: number) => void;
  before: string;
  after: string;
}) {
  return (
    <label>
      {props.before}{' '}
      <input
        type="number"
        min={props.min}
        step={props.step}
        data-testid={props.testid}
        value={props.value}
        onChange={(e) => props.onChange(Number((e.currentTarget as HTMLInputElement).value))}
      />{' '}
      {props.after}
    </label>
  );
}

/** Panel preferences (persisted by settings.ts). */
export function Settings() {
  const { store } = useEnv();
  const state = usePanelState();
  return (
    <section class="settings">
      <h3>Settings</h3>
      <NumberSetting
        testid="max-entries"
        min={100}
        step={1000}
        value={state.maxEntries}
        onChange={store.setMaxEntries}
        before="Keep at most"
        after="entries (the oldest are dropped beyond this)"
      />
      <NumberSetting
        testid="memory-budget"
        min={1}
        step={1}
        value={Math.round(state.budgetBytes / MIB)}
        onChange={(n) => store.setBudgetBytes(n * MIB)}
        before="Keep at most"
        after="MiB of response bodies, live and imported (the oldest bodies are dropped beyond this; their rows stay)"
      />
      <p class="note">Theme follows DevTools (Settings → Appearance).</p>
    </section>
  );
}
