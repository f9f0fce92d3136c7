ALTER TABLE "workspaces" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
-- Workspaces demo mode seeded before the flag existed: the ones holding the demo's documented admin.
UPDATE "workspaces" SET "demo" = true WHERE "id" IN (SELECT "workspace_id" FROM "users" WHERE "email" = 'admin@demo.surgedesk.test');
