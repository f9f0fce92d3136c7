CREATE TABLE "queue_tallies" (
	"workspace_id" text NOT NULL,
	"bucket_seconds" integer NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"label" text,
	"needs_label" boolean NOT NULL,
	"escalation_level" text,
	"direction" text NOT NULL,
	"answered" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "queue_tallies_key" UNIQUE NULLS NOT DISTINCT("workspace_id","bucket_seconds","bucket_start","status","label","needs_label","escalation_level","direction","answered")
);
--> statement-breakpoint
CREATE TABLE "queue_tally_deltas" (
	"workspace_id" text NOT NULL,
	"bucket_seconds" integer NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"label" text,
	"needs_label" boolean NOT NULL,
	"escalation_level" text,
	"direction" text NOT NULL,
	"answered" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "queue_tally_deltas_workspace_idx" ON "queue_tally_deltas" USING btree ("workspace_id","bucket_seconds","bucket_start");--> statement-breakpoint
CREATE INDEX "messages_open_dm_priority_idx" ON "messages" USING btree ("workspace_id","platform","escalation_rank","created_at","id") WHERE "messages"."status" = 'open' and "messages"."kind" = 'dm';