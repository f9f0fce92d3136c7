CREATE TABLE "model_training_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"progress" real DEFAULT 0 NOT NULL,
	"message" text,
	"comparison" jsonb,
	"corrections_until" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workspace_models" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"model_version" text NOT NULL,
	"status" text NOT NULL,
	"artifact" text,
	"corrections" integer NOT NULL,
	"rows" integer NOT NULL,
	"comparison" jsonb,
	"replaced_model_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "needs_label" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "model_training_runs" ADD CONSTRAINT "model_training_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_training_runs" ADD CONSTRAINT "model_training_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_models" ADD CONSTRAINT "workspace_models_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_training_runs_status_idx" ON "model_training_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "model_training_runs_workspace_idx" ON "model_training_runs" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_models_one_active_idx" ON "workspace_models" USING btree ("workspace_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "workspace_models_workspace_idx" ON "workspace_models" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "label_corrections_workspace_idx" ON "label_corrections" USING btree ("workspace_id","created_at");