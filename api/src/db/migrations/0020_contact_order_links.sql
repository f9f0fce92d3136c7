CREATE TABLE "contact_order_links" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"order_ref" text NOT NULL,
	"shopify_name" text,
	"tiktok_order_id" text,
	"tracking_numbers" text[] DEFAULT '{}' NOT NULL,
	"order" jsonb NOT NULL,
	"found_by" text NOT NULL,
	"order_created_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contact_order_links_contact_order_key" ON "contact_order_links" USING btree ("workspace_id","contact_id","order_ref");--> statement-breakpoint
CREATE INDEX "contact_order_links_ref_idx" ON "contact_order_links" USING btree ("workspace_id","order_ref");