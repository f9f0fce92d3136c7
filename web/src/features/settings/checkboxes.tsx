/** A group of choices, any number of them checked (a policy's or a rule's conditions). */
export function Checkboxes<T extends string>({ legend, options, chosen, onChange }: { legend: string; options: readonly (readonly [T, string])[]; chosen: readonly T[]; onChange: (next: T[]) => void }) {
  return (
    <fieldset className="check-group">
      <legend>{legend}</legend>
      {options.map(([value, name]) => (
        <label key={value} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))}
          />
          {name}
        </label>
      ))}
    </fieldset>
  );
}
