import { useState } from "react";
import { LABELS, LABEL_INFO, type Label } from "@surgedesk/shared";

/** `l`: type to narrow the case types, arrows to move, Enter to apply, Esc to leave. */
export function LabelPicker({ current, onPick, onClose }: { current: Label | null; onPick: (label: Label) => void; onClose: () => void }) {
  const [text, setText] = useState("");
  const matches = LABELS.filter((l) => LABEL_INFO[l].title.toLowerCase().includes(text.toLowerCase()));
  const [active, setActive] = useState(0);
  const chosen = matches[Math.min(active, matches.length - 1)];
  return (
    <div className="label-picker" role="dialog" aria-label="Change label">
      <input
        autoFocus
        placeholder="Case type…"
        value={text}
        aria-label="Find a case type"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((i) => Math.min(i + 1, matches.length - 1));
          else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter" && chosen) onPick(chosen);
          else if (e.key === "Escape") onClose();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul role="listbox">
        {matches.map((l, i) => (
          <li
            key={l}
            role="option"
            aria-selected={l === chosen}
            className={`${l === chosen ? "active" : ""}${l === current ? " current" : ""}`}
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(l);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {LABEL_INFO[l].title}
          </li>
        ))}
      </ul>
    </div>
  );
}
