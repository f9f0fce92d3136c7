CREATE TABLE "platform_call_budgets" (
	"account_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"per_minute" integer NOT NULL,
	CONSTRAINT "platform_call_budgets_account_id_endpoint_window_start_pk" PRIMARY KEY("account_id","endpoint","window_start")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "visibility_observed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD COLUMN "last_pushed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD COLUMN "visibility_check" text;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD COLUMN "visibility_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reply_outbox" ADD COLUMN "platform_state" text;--> statement-breakpoint
ALTER TABLE "platform_call_budgets" ADD CONSTRAINT "platform_call_budgets_account_id_connected_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."connected_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reply_outbox_visibility_idx" ON "reply_outbox" USING btree ("visibility_due_at") WHERE "reply_outbox"."visibility_check" in ('pending', 'not_visible');