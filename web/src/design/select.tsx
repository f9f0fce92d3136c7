import type { ReactNode, SelectHTMLAttributes } from "react";

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> {
  /** The visible label; the select is named by it. */
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly (readonly [value: string, name: string])[];
  /** An empty first choice ("All", "Unassigned"); left out when undefined. */
  placeholder?: string;
  /** "stacked" puts the label above (filters, forms); "inline" beside it. */
  layout?: "stacked" | "inline";
}

/**
 * A labelled choice from a short list. Deliberately the platform's own `<select>` under the
 * tokens' styling: phones show their native picker, the keyboard and screen readers work as
 * everywhere else, and it costs no JavaScript. It sizes to its longest option, never truncating it.
 */
export function Select({ label, value, onValueChange, options, placeholder, layout = "stacked", className, ...props }: SelectProps) {
  return (
    <label className={`field field-${layout}${className ? ` ${className}` : ""}`}>
      <span className="field-label">{label}</span>
      <select value={value} onChange={(event) => onValueChange(event.target.value)} {...props}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([optionValue, name]) => (
          <option key={optionValue} value={optionValue}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
