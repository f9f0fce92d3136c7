import { useQuery } from "@tanstack/react-query";
import { AccountHealthView, cursorsInWords } from "./account-health-view.tsx";
import { FailedEvents } from "./failed-events.tsx";
import { ingestStatusQueryOptions } from "./ingest-queries.ts";
import { handleInWords, platformName } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { durationWords } from "./time-words.ts";
import { When } from "./when.tsx";

const count = new Intl.NumberFormat("en");

/** "Comment list calls: 12 of 40 this minute" (the platform's per-account budget on that endpoint). */
export function budgetInWords(budget: { endpoint: string; usedThisMinute: number; perMinute: number }): string {
  const what = budget.endpoint.replace(/^[a-z_]+\./, "").replace(/\/$/, "").replaceAll("/", " ").replaceAll("_", " ");
  const spent = budget.usedThisMinute >= budget.perMinute ? " — spent: polls wait for the next minute" : "";
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} calls: ${count.format(budget.usedThisMinute)} of ${count.format(budget.perMinute)} this minute${spent}`;
}

/** Is ingestion keeping up, and is any account stuck? Refreshed every 15 seconds while open. */
export function IngestPage() {
  const status = useQuery(ingestStatusQueryOptions);
  const data = status.data;
  return (
    <div className="settings-page">
      <h1>Ingest status</h1>
      <p className="muted">Comments and messages arrive as events (webhooks and polling) and become messages in the inbox. This page refreshes by itself.</p>
      {status.isPending && <p className="muted">Loading…</p>}
      {status.isError && <Notice tone="error">Could not load the ingest status: {status.error.message}</Notice>}
      {data && (
        <>
          <dl className="stat-grid" aria-label="Queue">
            <div className={data.pendingEvents > 0 ? "stat stat-warning" : "stat"}>
              <dt>Waiting to be processed</dt>
              <dd>{count.format(data.pendingEvents)}</dd>
            </div>
            <div className={data.oldestPendingAgeSeconds >= 300 ? "stat stat-problem" : "stat"}>
              <dt>Lag (oldest waiting)</dt>
              <dd>{data.pendingEvents > 0 ? durationWords(data.oldestPendingAgeSeconds) : "none"}</dd>
            </div>
            <div className={data.failedEvents > 0 ? "stat stat-problem" : "stat"}>
              <dt>Failed events</dt>
              <dd>{count.format(data.failedEvents)}</dd>
            </div>
            <div className="stat">
              <dt>Events received</dt>
              <dd>{count.format(data.totalEvents)}</dd>
            </div>
            <div className="stat">
              <dt>Messages</dt>
              <dd>{count.format(data.totalMessages)}</dd>
            </div>
          </dl>
          <FailedEvents
            events={data.deadLettered}
            accountNames={new Map(data.accounts.map((a) => [a.id, `${platformName(a.channel)} ${a.handle ? handleInWords(a.handle) : `account ${a.externalAccountId}`}`]))}
          />
          <h2>Accounts</h2>
          {data.accounts.length === 0 ? (
            <p className="empty-state">No account is connected, so nothing is polled. Connect one under Connected accounts.</p>
          ) : (
            <ul className="settings-list" aria-label="Accounts">
              {data.accounts.map((account) => (
                <li key={account.id} className="settings-item">
                  <div className="item-head">
                    <strong className="wrap">{account.handle ? handleInWords(account.handle) : `Account ${account.externalAccountId}`}</strong>
                    <span className="muted">{platformName(account.channel)}</span>
                  </div>
                  <AccountHealthView account={{ ...account, status: account.status as "active" }} />
                  {account.lastErrorAt && (
                    <p className="muted">
                      Last error <When at={account.lastErrorAt} />
                    </p>
                  )}
                  <p className="muted">{cursorsInWords(account.cursors)}</p>
                  {account.callBudgets.map((budget) => (
                    <p key={budget.endpoint} className="muted">
                      {budgetInWords(budget)}
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
