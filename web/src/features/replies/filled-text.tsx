import type { TemplatePart } from "@surgedesk/shared";

/** A filled macro, each variable marked: filled ones show their value, missing ones stand out. */
export function FilledText({ parts }: { parts: readonly TemplatePart[] }) {
  return (
    <p className="filled-text">
      {parts.map((part, i) =>
        part.kind === "text" ? (
          <span key={i}>{part.text}</span>
        ) : part.value === null ? (
          <mark key={i} className="var-missing" title="Missing: fill it before sending">{`{{${part.name}}}`}</mark>
        ) : (
          // A filled value is the reply's own words for the buyer (an order or tracking number).
          <span key={i} className="var-filled" title={`{{${part.name}}}`} data-reference={part.name}>
            {part.value}
          </span>
        ),
      )}
    </p>
  );
}
