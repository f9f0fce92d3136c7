CREATE TABLE "contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"platform" text NOT NULL,
	"external_user_id" text NOT NULL,
	"handle" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text DEFAULT '' NOT NULL,
	"page_cursor" text,
	"newest_seen_id" text,
	"newest_seen_at" timestamp with time zone,
	"resource_created_at" timestamp with time zone,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_polled_at" timestamp with time zone,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"items_gathered" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "label_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"user_id" text,
	"from_label" text,
	"to_label" text NOT NULL,
	"text" text NOT NULL,
	"model_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "connected_accounts_platform_external_key";--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "channel" text DEFAULT 'instagram' NOT NULL;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "attention_reason" text;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "access_token_encrypted" text;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "token_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "platform_params" jsonb;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "throttled_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "connected_accounts" ADD COLUMN "last_error_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "permalink" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "format" text DEFAULT 'instagram.webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_events" ALTER COLUMN "format" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "account_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "contact_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "likes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "visibility" text DEFAULT 'visible' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "label_score" real;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "label_source" text DEFAULT 'model' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "escalation_level" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "escalation_score" real;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "classification" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_account_id_connected_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."connected_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_corrections" ADD CONSTRAINT "label_corrections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_corrections" ADD CONSTRAINT "label_corrections_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_corrections" ADD CONSTRAINT "label_corrections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_workspace_platform_user_key" ON "contacts" USING btree ("workspace_id","platform","external_user_id");--> statement-breakpoint
CREATE INDEX "contacts_handle_idx" ON "contacts" USING btree ("workspace_id","handle");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_cursors_account_resource_key" ON "sync_cursors" USING btree ("account_id","resource","resource_id");--> statement-breakpoint
CREATE INDEX "sync_cursors_due_idx" ON "sync_cursors" USING btree ("next_poll_at");--> statement-breakpoint
CREATE INDEX "label_corrections_created_idx" ON "label_corrections" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connected_accounts_channel_external_key" ON "connected_accounts" USING btree ("channel","external_account_id");--> statement-breakpoint
CREATE INDEX "messages_contact_idx" ON "messages" USING btree ("contact_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_open_label_idx" ON "messages" USING btree ("workspace_id","label","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "messages"."status" = 'open';