import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@surgedesk/api/db/client.ts";

/**
 * Messages whose workspace, account, post, contact or raw event does not exist. The messages
 * table keeps these references without foreign keys (they cost the ingest INSERT half its
 * time), so tests and the ingest benchmark check instead that nothing ever dangles.
 */
export async function danglingMessageReferences(db: Database) {
  const [row] = await queryRows<Record<"workspace" | "account" | "post" | "contact" | "rawEvent", number>>(
    db,
    sql`select
          count(*) filter (where not exists (select 1 from workspaces w where w.id = m.workspace_id))::int as workspace,
          count(*) filter (where not exists (select 1 from connected_accounts a where a.id = m.account_id))::int as account,
          count(*) filter (where m.post_id is not null and not exists (select 1 from posts p where p.id = m.post_id))::int as post,
          count(*) filter (where m.contact_id is not null and not exists (select 1 from contacts c where c.id = m.contact_id))::int as contact,
          count(*) filter (where m.inbound_event_id is not null
                           and not exists (select 1 from inbound_events e where e.id = m.inbound_event_id))::int as "rawEvent"
        from messages m`,
  );
  return row!;
}
