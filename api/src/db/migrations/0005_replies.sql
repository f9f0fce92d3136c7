CREATE TABLE "macros" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"channel" text NOT NULL,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"account_id" text NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"target" jsonb NOT NULL,
	"text" text NOT NULL,
	"macro_id" text,
	"actor_user_id" text,
	"action_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"uncertain_since" timestamp with time zone,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"external_id" text,
	"sent_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD CONSTRAINT "reply_outbox_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD CONSTRAINT "reply_outbox_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD CONSTRAINT "reply_outbox_account_id_connected_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."connected_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD CONSTRAINT "reply_outbox_macro_id_macros_id_fk" FOREIGN KEY ("macro_id") REFERENCES "public"."macros"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD CONSTRAINT "reply_outbox_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "macros_workspace_idx" ON "macros" USING btree ("workspace_id","title");--> statement-breakpoint
CREATE UNIQUE INDEX "macros_workspace_key" ON "macros" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "reply_outbox_idempotency_key" ON "reply_outbox" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "reply_outbox_message_idx" ON "reply_outbox" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "reply_outbox_due_idx" ON "reply_outbox" USING btree ("next_attempt_at") WHERE "reply_outbox"."status" in ('queued', 'sending');