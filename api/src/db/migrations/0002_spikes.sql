CREATE TABLE "campaign_posts" (
	"campaign_id" text NOT NULL,
	"post_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_posts_campaign_id_post_id_pk" PRIMARY KEY("campaign_id","post_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"creator_handle" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spike_metrics" (
	"workspace_id" text NOT NULL,
	"series_kind" text NOT NULL,
	"series_id" text NOT NULL,
	"bucket_seconds" integer NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"dms" integer DEFAULT 0 NOT NULL,
	"outbound" integer DEFAULT 0 NOT NULL,
	"label_counts" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"escalation_medium" integer DEFAULT 0 NOT NULL,
	"escalation_high" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handled_label_counts" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"replies_sent" integer DEFAULT 0 NOT NULL,
	"first_responses" integer DEFAULT 0 NOT NULL,
	"first_response_seconds_sum" bigint DEFAULT 0 NOT NULL,
	"first_response_histogram" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"last_event_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spike_metrics_workspace_id_series_kind_series_id_bucket_seconds_bucket_start_pk" PRIMARY KEY("workspace_id","series_kind","series_id","bucket_seconds","bucket_start")
);
--> statement-breakpoint
CREATE TABLE "spike_detector_states" (
	"workspace_id" text NOT NULL,
	"series_kind" text NOT NULL,
	"series_id" text NOT NULL,
	"committed_through" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spike_detector_states_workspace_id_series_kind_series_id_pk" PRIMARY KEY("workspace_id","series_kind","series_id")
);
--> statement-breakpoint
CREATE TABLE "spike_alert_events" (
	"id" text PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"numbers" jsonb NOT NULL,
	"readiness" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_status" text DEFAULT 'pending' NOT NULL,
	"webhook_attempts" integer DEFAULT 0 NOT NULL,
	"webhook_next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"webhook_last_error" text,
	"webhook_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spike_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"series_kind" text NOT NULL,
	"series_id" text NOT NULL,
	"post_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"severity" text NOT NULL,
	"triggers" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"numbers" jsonb NOT NULL,
	"peak" jsonb NOT NULL,
	"readiness" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_webhooks" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_first_responses" (
	"message_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"response_seconds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_posts" ADD CONSTRAINT "campaign_posts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_posts" ADD CONSTRAINT "campaign_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_metrics" ADD CONSTRAINT "spike_metrics_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_detector_states" ADD CONSTRAINT "spike_detector_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alert_events" ADD CONSTRAINT "spike_alert_events_alert_id_spike_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."spike_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alert_events" ADD CONSTRAINT "spike_alert_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alerts" ADD CONSTRAINT "spike_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alerts" ADD CONSTRAINT "spike_alerts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_webhooks" ADD CONSTRAINT "alert_webhooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_first_responses" ADD CONSTRAINT "message_first_responses_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_first_responses" ADD CONSTRAINT "message_first_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_posts_post_idx" ON "campaign_posts" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_workspace_name_key" ON "campaigns" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "spike_metrics_window_idx" ON "spike_metrics" USING btree ("workspace_id","bucket_seconds","series_kind","bucket_start");--> statement-breakpoint
CREATE INDEX "spike_alert_events_alert_idx" ON "spike_alert_events" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "spike_alert_events_pending_idx" ON "spike_alert_events" USING btree ("webhook_next_attempt_at") WHERE "spike_alert_events"."webhook_status" = 'pending';--> statement-breakpoint
CREATE INDEX "spike_alerts_feed_idx" ON "spike_alerts" USING btree ("workspace_id","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "spike_alerts_open_key" ON "spike_alerts" USING btree ("workspace_id","series_kind","series_id") WHERE "spike_alerts"."status" = 'open';