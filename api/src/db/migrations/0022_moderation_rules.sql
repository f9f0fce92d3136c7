CREATE TABLE "moderation_outcomes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"rule_id" text,
	"rule_name" text NOT NULL,
	"action" text NOT NULL,
	"mode" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "moderation_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"mode" text DEFAULT 'dry_run' NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"stop_processing" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "muted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "moderation_outcomes" ADD CONSTRAINT "moderation_outcomes_undone_by_user_id_users_id_fk" FOREIGN KEY ("undone_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_rules" ADD CONSTRAINT "moderation_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_outcomes_message_idx" ON "moderation_outcomes" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_rules_workspace_idx" ON "moderation_rules" USING btree ("workspace_id","position");
--> statement-breakpoint
-- Every workspace that existed before rules gets the default set, in dry run (as api/src/moderation/default-rules.ts gives new ones).
INSERT INTO "moderation_rules" ("id", "workspace_id", "name", "position", "enabled", "mode", "conditions", "actions", "stop_processing")
SELECT 'rule_' || substr(md5(random()::text || w.id || d.position::text), 1, 16), w.id, d.name, d.position, true, 'dry_run', d.conditions::jsonb, '[{"type": "hide"}, {"type": "resolve"}]'::jsonb, true
FROM "workspaces" w
CROSS JOIN (VALUES (0, 'Scam links', '{"labels": ["spam_scam"], "minConfidence": 0.8, "hasLink": true}'), (1, '“DM me to earn” spam', '{"labels": ["spam_scam"], "minConfidence": 0.8, "keywords": ["dm me", "dm to earn", "earn from home", "work from home", "passive income", "per day from home", "investment platform", "crypto trading", "forex", "text me on whatsapp", "message me on telegram"]}')) AS d(position, name, conditions);
