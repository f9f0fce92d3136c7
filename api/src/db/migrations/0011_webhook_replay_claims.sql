CREATE TABLE "webhook_replay_claims" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "webhook_replay_claims_expires_idx" ON "webhook_replay_claims" USING btree ("expires_at");