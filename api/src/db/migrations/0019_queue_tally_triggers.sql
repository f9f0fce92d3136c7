-- The queue tallies (queue_tallies.ts) follow every change to messages and first responses from
-- here, in the transaction of the change: statement-level triggers read the statement's rows
-- (transition tables) and append one signed delta per tally key the statement moved messages
-- between. Each delta is grouped per key, in every bucket it counts in: 0 (all messages), and 60
-- and 3600 (messages waiting for a first answer, by when they were written). `d` is the statement's
-- rows, each with +1 (now counted here) or -1 (no longer counted here).
CREATE FUNCTION queue_tallies_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    -- A new message has no first response: that row references it, so it comes later.
    SELECT workspace_id, created_at, status, label, needs_label, escalation_level, direction, false AS answered, 1 AS sign FROM inserted_messages
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec,
         CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM d.created_at) / g.sec) * g.sec) END,
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION queue_tallies_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT v.*, EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = n.id) AS answered
    FROM old_messages o
    JOIN new_messages n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.workspace_id, o.created_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction, -1),
                               (n.workspace_id, n.created_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction, 1))
      AS v(workspace_id, created_at, status, label, needs_label, escalation_level, direction, sign)
    -- Most updates (visibility, assignment, links) move no message between tallies.
    WHERE (o.workspace_id, o.created_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction)
          IS DISTINCT FROM (n.workspace_id, n.created_at, n.status, n.label, n.needs_label, n.escalation_level, n.direction)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec,
         CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM d.created_at) / g.sec) * g.sec) END,
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION queue_tallies_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT o.workspace_id, o.created_at, o.status, o.label, o.needs_label, o.escalation_level, o.direction,
           EXISTS (SELECT 1 FROM message_first_responses r WHERE r.message_id = o.id) AS answered, -1 AS sign
    FROM deleted_messages o
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec,
         CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM d.created_at) / g.sec) * g.sec) END,
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION queue_tallies_responses_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH m AS (
    SELECT workspace_id, created_at, status, label, needs_label, escalation_level, direction FROM messages
    WHERE id IN (SELECT message_id FROM inserted_responses)
    -- Waits for a change to the message in flight and holds the next one off until this commits,
    -- so each side's trigger sees the other's result (its status, or this answer) and none is lost.
    FOR SHARE
  ), d AS (
    SELECT m.*, v.answered, v.sign FROM m CROSS JOIN (VALUES (false, -1), (true, 1)) AS v(answered, sign)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec,
         CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM d.created_at) / g.sec) * g.sec) END,
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
CREATE FUNCTION queue_tallies_responses_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH m AS (
    SELECT workspace_id, created_at, status, label, needs_label, escalation_level, direction FROM messages
    WHERE id IN (SELECT message_id FROM deleted_responses)
    -- Waits for a change to the message in flight and holds the next one off until this commits,
    -- so each side's trigger sees the other's result (its status, or this answer) and none is lost.
    FOR SHARE
  ), d AS (
    SELECT m.*, v.answered, v.sign FROM m CROSS JOIN (VALUES (true, -1), (false, 1)) AS v(answered, sign)
  )
  INSERT INTO queue_tally_deltas (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
  SELECT d.workspace_id, g.sec,
         CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM d.created_at) / g.sec) * g.sec) END,
         d.status, d.label, d.needs_label, d.escalation_level, d.direction, d.answered, sum(d.sign)::int
  FROM d CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
  WHERE g.sec = 0 OR (d.direction = 'inbound' AND d.status <> 'closed' AND NOT d.answered)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(d.sign) <> 0;
  RETURN NULL;
END $$
--> statement-breakpoint
-- One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
CREATE TRIGGER queue_tallies_messages_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS inserted_messages FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_messages_inserted()
--> statement-breakpoint
CREATE TRIGGER queue_tallies_messages_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_messages NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_messages_updated()
--> statement-breakpoint
CREATE TRIGGER queue_tallies_messages_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS deleted_messages FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_messages_deleted()
--> statement-breakpoint
CREATE TRIGGER queue_tallies_responses_insert AFTER INSERT ON message_first_responses
  REFERENCING NEW TABLE AS inserted_responses FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_responses_inserted()
--> statement-breakpoint
CREATE TRIGGER queue_tallies_responses_delete AFTER DELETE ON message_first_responses
  REFERENCING OLD TABLE AS deleted_responses FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_responses_deleted()
--> statement-breakpoint
-- First responses are written once and never change; an update would bypass the tallies.
CREATE FUNCTION queue_tallies_responses_unchangeable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'message_first_responses rows are inserted or deleted, never updated';
END $$
--> statement-breakpoint
CREATE TRIGGER queue_tallies_responses_update BEFORE UPDATE OF message_id ON message_first_responses
  FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_responses_unchangeable()
--> statement-breakpoint
-- The messages already stored (the triggers above hold writers off until this commits).
-- Waiting messages' minute and hour buckets only matter within the longest SLA breach target
-- (30 days): older ones are never read (queues/compact-queue-tallies.ts prunes them too).
INSERT INTO queue_tallies (workspace_id, bucket_seconds, bucket_start, status, label, needs_label, escalation_level, direction, answered, n)
SELECT m.workspace_id, g.sec,
       CASE WHEN g.sec = 0 THEN to_timestamp(0) ELSE to_timestamp(floor(extract(epoch FROM m.created_at) / g.sec) * g.sec) END,
       m.status, m.label, m.needs_label, m.escalation_level, m.direction, r.message_id IS NOT NULL, count(*)::int
FROM messages m
LEFT JOIN message_first_responses r ON r.message_id = m.id
CROSS JOIN (VALUES (0), (60), (3600)) AS g(sec)
WHERE g.sec = 0 OR (m.direction = 'inbound' AND m.status <> 'closed' AND r.message_id IS NULL AND m.created_at >= now() - interval '31 days')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
