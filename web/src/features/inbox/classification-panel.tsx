import { LABEL_INFO, LABELS, type Label, type MessageDetail } from "@surgedesk/shared";

const ENTITY_NAMES = {
  orderNumbers: "Order numbers",
  tiktokOrderIds: "TikTok Shop orders",
  trackingNumbers: "Tracking numbers",
  promoCodes: "Codes",
  emails: "Emails",
  phones: "Phones",
  urls: "Links",
} as const;

/** Why the message is where it is: label, escalation reasons, entities and the evidence. */
export function ClassificationPanel({
  message,
  onRelabel,
  saving,
  canRelabel,
}: {
  message: MessageDetail;
  onRelabel: (label: Label) => void;
  saving: boolean;
  /** Viewers read the label; agents and admins change or confirm it. */
  canRelabel: boolean;
}) {
  const c = message.classification;
  /** An unsure guess an agent can confirm as it is (choosing the same option would change nothing). */
  const guess = canRelabel && message.needsLabel ? message.label : null;
  const entities = c ? Object.entries(c.entities).filter(([, values]) => values.length > 0) : [];
  return (
    <section className="classification" aria-label="Classification">
      <div className="row">
        <label>
          Case type{" "}
          <select
            value={message.label ?? ""}
            disabled={saving || !canRelabel}
            onChange={(e) => onRelabel(e.target.value as Label)}
            aria-label="Case type"
          >
            {!message.label && <option value="">—</option>}
            {LABELS.map((l) => (
              <option key={l} value={l}>
                {LABEL_INFO[l].title}
              </option>
            ))}
          </select>
        </label>
        {guess && (
          <button type="button" disabled={saving} onClick={() => onRelabel(guess)}>
            Confirm {LABEL_INFO[guess].title}
          </button>
        )}
        <span className="muted">
          {message.labelSource === "agent"
            ? "set by an agent"
            : message.labelScore !== null
              ? message.needsLabel
                ? `the model's guess, only ${Math.round(message.labelScore * 100)}% sure: choose the right case type`
                : `model, ${Math.round(message.labelScore * 100)}% sure`
              : ""}
        </span>
      </div>
      {c && (
        <>
          <p>
            <strong>Escalation:</strong>{" "}
            <span className={`escalation escalation-${c.escalation.level}`}>{ESCALATION_WORDS[c.escalation.level] ?? "No risk"}</span>{" "}
            {c.escalation.reasons.length > 0 ? c.escalation.reasons.join("; ") : "no risk signals"}
          </p>
          <p className="muted">
            {sentimentInWords(c.sentiment)} · {LANGUAGE_NAMES[c.language] ?? c.language}
          </p>
          {entities.length > 0 && (
            <dl className="facts">
              {entities.map(([key, values]) => (
                <div key={key} className="fact">
                  <dt>{ENTITY_NAMES[key as keyof typeof ENTITY_NAMES]}</dt>
                  <dd className="mono">{values.join(", ")}</dd>
                </div>
              ))}
            </dl>
          )}
          <details>
            <summary>Evidence</summary>
            <ul className="evidence">
              {c.evidence.tokens.map((t, i) => (
                <li key={i}>
                  <code>{t.token}</code> → {LABEL_INFO[t.label].title} ({t.weight.toFixed(2)})
                </li>
              ))}
              {c.evidence.rules.map((rule) => (
                <li key={rule}>{ruleInWords(rule)}</li>
              ))}
            </ul>
            <p className="muted mono">Model {c.modelVersion}</p>
          </details>
        </>
      )}
    </section>
  );
}

const ESCALATION_WORDS: Record<string, string> = { high: "High risk", medium: "Medium risk", low: "Low risk", none: "No risk" };

const LANGUAGE_NAMES: Record<string, string> = { en: "English", es: "Spanish", und: "Language unknown" };

function sentimentInWords(score: number): string {
  if (score <= -0.3) return "Negative tone";
  if (score >= 0.3) return "Positive tone";
  return "Neutral tone";
}

const RULE_KINDS: Record<string, string> = {
  entity: "Mentions",
  link: "Link",
  spam: "Spam sign",
  escalation: "Risk sign",
  rule: "Rule",
};

/** A rule id such as `entity:order_number` as an agent reads it: "Mentions: order number". */
function ruleInWords(rule: string): string {
  const [kind = "", ...rest] = rule.split(":");
  const detail = rest.join(":").replaceAll("_", " ");
  return RULE_KINDS[kind] ? `${RULE_KINDS[kind]}: ${detail}` : rule.replaceAll("_", " ");
}
