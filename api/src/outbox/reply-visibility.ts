import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client.ts";
import type { EventBus } from "../events/event-bus.ts";
import { createBackgroundLoop, type BackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { describeError } from "../lib/safe-error.ts";

/** What `platform_state` says of a reply never reported public before its time ran out. */
export const NEVER_SHOWN_PUBLIC = "not_public";

/**
 * "Sent" is not "seen". A followed public reply (see `recordSentReply`) is settled from what the
 * platform reported about its stored copy: the webhooks and polls that keep `messages.visibility`
 * current. Seen public: `visible`. Reported hidden, friends-only or deleted: `not_visible` at
 * once, with that state. Nothing reported by `visibility_due_at`: `not_visible`, never shown
 * public (TikTok's spam filter holds a reply back without an event). A later report of it public
 * turns it `visible` again. Returns the customer messages whose replies changed, per workspace.
 */
export async function checkReplyVisibility(db: Database, now: Date): Promise<{ workspaceId: string; messageId: string }[]> {
  const seen = await queryRows<{ workspace_id: string; message_id: string }>(
    db,
    sql`update reply_outbox r
        set visibility_check = case when m.visibility = 'visible' then 'visible' else 'not_visible' end,
            platform_state = case when m.visibility = 'visible' then null else m.visibility end,
            updated_at = ${now.toISOString()}::timestamptz
        from messages m
        where r.visibility_check in ('pending', 'not_visible')
          and m.id = r.sent_message_id
          and m.visibility_observed_at is not null
          and (r.visibility_check is distinct from (case when m.visibility = 'visible' then 'visible' else 'not_visible' end)
               or r.platform_state is distinct from (case when m.visibility = 'visible' then null else m.visibility end))
        returning r.workspace_id, r.message_id`,
  );
  const overdue = await queryRows<{ workspace_id: string; message_id: string }>(
    db,
    sql`update reply_outbox
        set visibility_check = 'not_visible', platform_state = ${NEVER_SHOWN_PUBLIC}, updated_at = ${now.toISOString()}::timestamptz
        where visibility_check = 'pending' and visibility_due_at <= ${now.toISOString()}::timestamptz
        returning workspace_id, message_id`,
  );
  return [...seen, ...overdue].map((row) => ({ workspaceId: row.workspace_id, messageId: row.message_id }));
}

/** Runs the check periodically and tells open consoles which messages' replies changed. */
export function createReplyVisibilityWorker({
  db,
  logger,
  events,
  intervalMs = 15_000,
  now = () => new Date(),
}: {
  db: Database;
  logger: Logger;
  events?: EventBus;
  intervalMs?: number;
  now?: () => Date;
}): Pick<BackgroundLoop, "start" | "stop"> & { runOnce(): Promise<number> } {
  async function runOnce() {
    const changed = await checkReplyVisibility(db, now());
    const byWorkspace = new Map<string, string[]>();
    for (const { workspaceId, messageId } of changed) byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), messageId]);
    for (const [workspaceId, ids] of byWorkspace) events?.publish({ type: "messages", workspaceId, change: "updated", ids });
    return changed.length;
  }
  const loop = createBackgroundLoop(runOnce, intervalMs, (error) => logger.warn("reply visibility check failed", { error: describeError(error) }));
  return { runOnce, start: () => loop.start(), stop: () => loop.stop() };
}
