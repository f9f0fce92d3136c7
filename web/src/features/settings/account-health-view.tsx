import { accountHealth, type AccountHealth } from "./account-health.ts";

type Input = Parameters<typeof accountHealth>[0];

/** An account's health in words: the one-line state, then what else is worth knowing. */
export function AccountHealthView({ account }: { account: Input }) {
  const health: AccountHealth = accountHealth(account);
  return (
    <div className="health">
      <span className={`state state-${health.tone}`}>{health.summary}</span>
      {health.details.length > 0 && (
        <ul className="health-details">
          {health.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "3 polling cursors, 1 failing, 1,204 items gathered". */
export function cursorsInWords(cursors: { total: number; failing: number; itemsGathered: number }): string {
  if (cursors.total === 0) return "Not polled yet (no polling cursors).";
  const count = new Intl.NumberFormat("en");
  const failing = cursors.failing ? `, ${cursors.failing} failing` : ", none failing";
  return `${cursors.total} polling ${cursors.total === 1 ? "cursor" : "cursors"}${failing}; ${count.format(cursors.itemsGathered)} items gathered.`;
}
