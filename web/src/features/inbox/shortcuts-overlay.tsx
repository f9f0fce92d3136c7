export const SHORTCUTS: [string, string][] = [
  ["j / k", "next / previous message"],
  ["x", "select or unselect the message"],
  ["e", "close the message (and move on)"],
  ["a", "assign the message to me"],
  ["l", "change the label (case type)"],
  ["t", "tags: type to find one, Enter puts it on or takes it off"],
  ["r", "reply (the composer under the message)"],
  ["n", "write an internal note (@ mentions a colleague)"],
  ["m", "reply with a macro (the macro picker opens)"],
  ["#", "in the composer: pick a macro by name or text (Ctrl+/ too)"],
  ["@", "in a note: mention a colleague"],
  ["Ctrl+Enter", "in the composer: send the reply, or add the note"],
  ["Ctrl+Shift+Enter", "in the composer: send and resolve"],
  ["/", "search"],
  ["Esc", "clear the selection, close this sheet"],
  ["?", "show these shortcuts"],
];

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="sheet" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="fact">
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
