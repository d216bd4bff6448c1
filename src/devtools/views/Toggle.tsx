/** A labelled checkbox, the panel's one kind of on/off switch. */
export function Toggle({
  label,
  checked,
  onChange,
  testid,
  title,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testid?: string;
  title?: string;
}) {
  return (
    <label class="toggle" title={title}>
      <input
        type="checkbox"
        data-testid={testid}
        checked={checked}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      {label}
    </label>
  );
}
