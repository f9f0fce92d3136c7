CREATE TABLE "sla_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"policies" jsonb,
	"calendar" jsonb,
	"updated_by_user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sla_policy_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sla_warning_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sla_breach_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sla_paused_at" timestamp with time zone;--> statement-breakpoint
-- The workspace's one first-response target becomes the default of the playbook's policies
-- (PLAYBOOK_SLA_POLICIES in shared/src/sla.ts); workspaces that never set one keep no row and get
-- the playbook as it is.
INSERT INTO "sla_settings" ("workspace_id", "policies", "updated_by_user_id", "updated_at")
SELECT p.workspace_id,
       jsonb_set('{"policies":[{"id":"no-sla-praise-spam","name":"Praise and spam: no SLA","match":{"labels":["praise","spam_scam"]},"targets":null,"businessHoursOnly":false},{"id":"high-public","name":"High risk, public comment","match":{"escalationLevels":["high"],"kinds":["comment"]},"targets":{"warningMinutes":30,"breachMinutes":60},"businessHoursOnly":false},{"id":"high-dm","name":"High risk, DM","match":{"escalationLevels":["high"],"kinds":["dm"]},"targets":{"warningMinutes":120,"breachMinutes":240},"businessHoursOnly":false},{"id":"medium","name":"Medium risk","match":{"escalationLevels":["medium"]},"targets":{"warningMinutes":240,"breachMinutes":480},"businessHoursOnly":false},{"id":"dm","name":"DMs","match":{"kinds":["dm"]},"targets":{"warningMinutes":720,"breachMinutes":1440},"businessHoursOnly":false}],"default":{"targets":{"warningMinutes":720,"breachMinutes":1440},"businessHoursOnly":false},"platformEscalationMinutes":4320}'::jsonb, '{default,targets}', jsonb_build_object('warningMinutes', p.warning_minutes, 'breachMinutes', p.breach_minutes)),
       p.updated_by_user_id, p.updated_at
FROM "sla_policies" p;--> statement-breakpoint
-- Stored customers' messages get their deadlines from the playbook's policies in their order (all
-- around the clock, so plain interval arithmetic is exact), the default's from the old target.
-- Written before the tally triggers below read deadlines, so this moves no tally.
UPDATE messages m SET sla_policy_id = t.policy_id,
       sla_warning_at = m.created_at + make_interval(mins => t.warning_minutes),
       sla_breach_at = m.created_at + make_interval(mins => t.breach_minutes),
       sla_paused_at = CASE WHEN m.status = 'snoozed' THEN now() END
FROM (
  SELECT x.id, x.policy_id,
         CASE x.policy_id WHEN 'high-public' THEN 30 WHEN 'high-dm' THEN 120 WHEN 'medium' THEN 240 WHEN 'dm' THEN 720 ELSE coalesce(p.warning_minutes, 720) END AS warning_minutes,
         CASE x.policy_id WHEN 'high-public' THEN 60 WHEN 'high-dm' THEN 240 WHEN 'medium' THEN 480 WHEN 'dm' THEN 1440 ELSE coalesce(p.breach_minutes, 1440) END AS breach_minutes
  FROM (
    SELECT id, workspace_id, CASE
      WHEN label IN ('praise', 'spam_scam') THEN 'no-sla-praise-spam'
      WHEN escalation_level = 'high' AND kind = 'comment' THEN 'high-public'
      WHEN escalation_level = 'high' AND kind = 'dm' THEN 'high-dm'
      WHEN escalation_level = 'medium' THEN 'medium'
      WHEN kind = 'dm' THEN 'dm'
      ELSE 'default' END AS policy_id
    FROM messages WHERE direction = 'inbound'
  ) x LEFT JOIN "sla_policies" p ON p.workspace_id = x.workspace_id
) t
WHERE m.id = t.id AND t.policy_id <> 'no-sla-praise-spam';--> statement-breakpoint
UPDATE messages SET sla_policy_id = 'no-sla-praise-spam' WHERE direction = 'inbound' AND label IN ('praise', 'spam_scam');--> statement-breakpoint
DROP TABLE "sla_policies" CASCADE;--> statement-breakpoint
ALTER TABLE "sla_settings" ADD CONSTRAINT "sla_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_settings" ADD CONSTRAINT "sla_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_sla_warning_idx" ON "messages" USING btree ("workspace_id","sla_warning_at") WHERE "messages"."status" = 'open' and "messages"."direction" = 'inbound' and "messages"."sla_warning_at" is not null;--> statement-breakpoint
CREATE INDEX "messages_sla_breach_idx" ON "messages" USING btree ("workspace_id","sla_breach_at") WHERE "messages"."status" = 'open' and "messages"."direction" = 'inbound' and "messages"."sla_breach_at" is not null;--> statement-breakpoint
-- The queue tallies' waiting-message buckets now follow each message's own deadlines instead of its
-- age: 60 and 3600 by its breach time, -60 and -3600 by its warning time. A waiting message with
-- no timer (no SLA for its kind) or a stopped one (snoozed) is never due: it is kept in one bucket
-- at the end of time, so "not due yet" counts it and "late" = waiting - not late yet stays exact.
CREATE FUNCTION queue_tally_bucket(sec integer, status text, warning_at timestamptz, breach_at timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN sec = 0 THEN to_timestamp(0)
    WHEN status = 'snoozed' OR (CASE WHEN sec < 0 THEN warning_at ELSE breach_at END) IS NULL THEN to_timestamp(253402214400)
    ELSE to_timestamp(floor(extract(epoch FROM CASE WHEN sec < 0 THEN warning_at ELSE breach_at END) / abs(sec)) * abs(sec))
  END
$$
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_tallies_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction, false AS answered, 1 AS sign FROM inserted_messages
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
    SELECT v.*, EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = n.id) AS answered
    FROM old_messages o
    JOIN new_messages n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.workspace_id, o.sla_warning_at, o.sla_breach_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction, -1),
                               (n.workspace_id, n.sla_warning_at, n.sla_breach_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction, 1))
      AS v(workspace_id, sla_warning_at, sla_breach_at, status, label, needs_label, escalation_level, direction, sign)
    -- Most updates (visibility, assignment, links) move no message between tallies.
    WHERE (o.workspace_id, o.sla_warning_at, o.sla_breach_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction)
          IS DISTINCT FROM (n.workspace_id, n.sla_warning_at, n.sla_breach_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction)
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
    WHERE id IN (SELECT message_id FROM inserted_responses)
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
    WHERE id IN (SELECT message_id FROM deleted_responses)
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
-- The waiting-message buckets again, by deadline now (the triggers above hold writers off until
-- this commits). Only future deadlines are ever read, so past ones are left out.
DELETE FROM queue_tally_deltas WHERE bucket_seconds <> 0;--> statement-breakpoint
DELETE FROM queue_tallies WHERE bucket_seconds <> 0;--> statement-breakpoint
INSERT INTO queue_tallies (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
SELECT m.workspace_id, g.sec, queue_tally_bucket(g.sec, m.status, m.sla_warning_at, m.sla_breach_at),
       m.status, m.label, m.needs_label, m.escalation_level, m.direction, false, count(*)::int
FROM messages m
CROSS JOIN (VALUES (60), (3600), (-60), (-3600)) AS g(sec)
WHERE m.direction = 'inbound' AND m.status <> 'closed'
  AND NOT EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = m.id)
  AND queue_tally_bucket(g.sec, m.status, m.sla_warning_at, m.sla_breach_at) >= now() - interval '1 day'
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
