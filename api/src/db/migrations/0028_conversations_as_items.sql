DROP INDEX "messages_open_idx";--> statement-breakpoint
DROP INDEX "messages_open_label_idx";--> statement-breakpoint
DROP INDEX "messages_open_priority_idx";--> statement-breakpoint
DROP INDEX "messages_open_label_priority_idx";--> statement-breakpoint
DROP INDEX "messages_open_assignee_idx";--> statement-breakpoint
DROP INDEX "messages_open_dm_priority_idx";--> statement-breakpoint
DROP INDEX "messages_sla_warning_idx";--> statement-breakpoint
DROP INDEX "messages_sla_breach_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "conversation_key" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "is_item" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_conversation_idx" ON "messages" USING btree ("conversation_key","created_at") WHERE "messages"."conversation_key" is not null;--> statement-breakpoint
CREATE INDEX "messages_open_idx" ON "messages" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "messages"."status" = 'open' and "messages"."is_item";--> statement-breakpoint
CREATE INDEX "messages_open_label_idx" ON "messages" USING btree ("workspace_id","label","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "messages"."status" = 'open' and "messages"."is_item";--> statement-breakpoint
CREATE INDEX "messages_open_priority_idx" ON "messages" USING btree ("workspace_id","escalation_rank","created_at","id") WHERE "messages"."status" = 'open' and "messages"."is_item";--> statement-breakpoint
CREATE INDEX "messages_open_label_priority_idx" ON "messages" USING btree ("workspace_id","label","escalation_rank","created_at","id") WHERE "messages"."status" = 'open' and "messages"."is_item";--> statement-breakpoint
CREATE INDEX "messages_open_assignee_idx" ON "messages" USING btree ("assignee_id","escalation_rank","created_at","id") WHERE "messages"."status" = 'open' and "messages"."is_item" and "messages"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "messages_open_dm_priority_idx" ON "messages" USING btree ("workspace_id","platform","escalation_rank","created_at","id") WHERE "messages"."status" = 'open' and "messages"."is_item" and "messages"."kind" = 'dm';--> statement-breakpoint
CREATE INDEX "messages_sla_warning_idx" ON "messages" USING btree ("workspace_id","sla_warning_at") WHERE "messages"."status" = 'open' and "messages"."is_item" and "messages"."direction" = 'inbound' and "messages"."sla_warning_at" is not null;--> statement-breakpoint
CREATE INDEX "messages_sla_breach_idx" ON "messages" USING btree ("workspace_id","sla_breach_at") WHERE "messages"."status" = 'open' and "messages"."is_item" and "messages"."direction" = 'inbound' and "messages"."sla_breach_at" is not null;--> statement-breakpoint
-- Conversations are the unit of triage. The queue tallies count only the rows that stand for an
-- item (is_item), and a pending item's clock is stopped like a snoozed one's.
CREATE OR REPLACE FUNCTION queue_tally_bucket(sec integer, status text, warning_at timestamptz, breach_at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN sec = 0 THEN to_timestamp(0)
    WHEN status IN ('snoozed', 'pending') OR (CASE WHEN sec < 0 THEN warning_at ELSE breach_at END) IS NULL THEN to_timestamp(253402214400)
    ELSE to_timestamp(floor(extract(epoch FROM CASE WHEN sec < 0 THEN warning_at ELSE breach_at END) / abs(sec)) * abs(sec))
  END
$$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction, false AS answered, 1 AS sign FROM inserted_messages
    WHERE is_item
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec, queue_tally_bucket(g.sec, d.status, d.sla_warning_at, d.sla_breach_at),
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600), (-60), (-3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT v.workspace_id, v.sla_warning_at, v.sla_breach_at, v.status, v.label, v.needs_label, v.escalation_level, v.direction, v.sign, EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = n.id) AS answered
    FROM old_messages o
    JOIN new_messages n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.workspace_id, o.sla_warning_at, o.sla_breach_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction, o.is_item, -1),
                               (n.workspace_id, n.sla_warning_at, n.sla_breach_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction, n.is_item, 1))
      AS v(workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction, is_item, sign)
    -- Most updates (visibility, assignment, links) move no message between tallies; a row that
    -- does not stand for an item is counted nowhere.
    WHERE v.is_item
      AND (o.workspace_id, o.sla_warning_at, o.sla_breach_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction, o.is_item)
          IS DISTINCT FROM (n.workspace_id, n.sla_warning_at, n.sla_breach_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction, n.is_item)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec, queue_tally_bucket(g.sec, d.status, d.sla_warning_at, d.sla_breach_at),
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600), (-60), (-3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT o.workspace_id, o.sla_warning_at, o.sla_breach_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction,
           EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = o.id) AS answered, -1 AS sign
    FROM deleted_messages o
    WHERE o.is_item
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec, queue_tally_bucket(g.sec, d.status, d.sla_warning_at, d.sla_breach_at),
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600), (-60), (-3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_responses_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH m AS (
    SELECT workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction FROM messages
    WHERE id IN (SELECT message_id FROM inserted_responses) AND is_item
    -- Waits for a change to the message in flight and holds the next one off until this commits,
    -- so each side's trigger sees the other's result (its status, or this answer) and none is lost.
    FOR SHARE
  ), d AS (
    SELECT m.*, v.answered, v.sign FROM m CROSS JOIN (VALUES (false, -1), (true, 1)) AS v(answered, sign)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec, queue_tally_bucket(g.sec, d.status, d.sla_warning_at, d.sla_breach_at),
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600), (-60), (-3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_responses_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH m AS (
    SELECT workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction FROM messages
    WHERE id IN (SELECT message_id FROM deleted_responses) AND is_item
    -- Waits for a change to the message in flight and holds the next one off until this commits,
    -- so each side's trigger sees the other's result (its status, or this answer) and none is lost.
    FOR SHARE
  ), d AS (
    SELECT m.*, v.answered, v.sign FROM m CROSS JOIN (VALUES (true, -1), (false, 1)) AS v(answered, sign)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec, queue_tally_bucket(g.sec, d.status, d.sla_warning_at, d.sla_breach_at),
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600), (-60), (-3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
-- Existing messages join their items: a DM conversation per account, one buyer's comments per
-- comment thread; the brand's comment reply joins the item of the comment it answers.
UPDATE messages SET conversation_key = CASE
    WHEN kind = 'dm' THEN account_id || chr(31) || thread_key
    WHEN direction = 'inbound' THEN account_id || chr(31) || thread_key || chr(31) || author_external_id
  END;--> statement-breakpoint
UPDATE messages m SET conversation_key = p.conversation_key
FROM messages p
WHERE m.kind = 'comment' AND m.direction = 'outbound' AND m.parent_external_id IS NOT NULL
  AND p.platform = m.platform AND p.external_id = m.parent_external_id AND p.direction = 'inbound';--> statement-breakpoint
-- The latest customer message stands for its item; the rest are shown within it. The update
-- trigger above moves the tallies accordingly.
UPDATE messages m SET is_item = false
FROM (
  SELECT id, direction, row_number() OVER (PARTITION BY conversation_key, direction ORDER BY created_at DESC, id DESC) AS newest
  FROM messages WHERE conversation_key IS NOT NULL
) ranked
WHERE m.id = ranked.id AND (ranked.direction = 'outbound' OR ranked.newest > 1);
