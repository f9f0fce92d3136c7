import type { Services } from "../services.ts";
import { sql } from "drizzle-orm";
import { loadMessageFacts } from "./message-facts.ts";
import { moderateMessages } from "./moderate-messages.ts";

/**
 * An agent's new label can make a rule match (or a rule on another label stop matching, which
 * changes nothing already done): the rules run again over the relabelled messages, as at ingest.
 */
export async function moderateRelabelled(services: Pick<Services, "db" | "events" | "moderationRules" | "notifyRuleHides" | "liveStreams">, ids: readonly string[]) {
  const result = await services.db.transaction(async (tx) =>
    moderateMessages(tx, services.moderationRules, await loadMessageFacts(tx, sql`m.id = any(${sql.param([...ids])}::text[])`, { history: false, campaigns: false }), () =>
      services.liveStreams.onlineUserIds(),
    ),
  );
  if (result.pendingHides > 0) services.notifyRuleHides?.();
  for (const notice of result.notices) services.events.publish(notice);
  return result;
}
