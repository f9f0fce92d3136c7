import { eq, sql } from "drizzle-orm";
import type { AlertWebhookRequest, AlertWebhookView } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { alertWebhooks } from "../../db/schema/index.ts";
import { ApiError } from "../../errors/api-error.ts";
import { openSecret, sealSecret } from "../../lib/secret-box.ts";

type Row = typeof alertWebhooks.$inferSelect;

export function toWebhookView(row: Row): AlertWebhookView {
  return { url: row.url, enabled: row.enabled, hasSecret: row.secretEncrypted !== "", updatedAt: row.updatedAt.toISOString() };
}

export async function readWebhookSettings(db: Database, workspaceId: string): Promise<Row | null> {
  const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.workspaceId, workspaceId));
  return row ?? null;
}

/**
 * Sets the workspace's alert webhook. The secret is sealed with ENCRYPTION_KEY and never read
 * back out through the API; leaving it out keeps the current one.
 */
export async function saveWebhookSettings(db: Database, encryptionKey: Buffer | undefined, workspaceId: string, request: AlertWebhookRequest) {
  if (!encryptionKey) throw new ApiError("bad_request", "ENCRYPTION_KEY is not configured; a webhook secret cannot be stored.");
  const existing = await readWebhookSettings(db, workspaceId);
  if (!existing && !request.secret) throw new ApiError("validation_failed", "Invalid json: secret: required the first time a webhook is set.");
  const secretEncrypted = request.secret ? sealSecret(request.secret, encryptionKey) : existing!.secretEncrypted;
  const [row] = await db
    .insert(alertWebhooks)
    .values({ workspaceId, url: request.url, secretEncrypted, enabled: request.enabled ?? true })
    .onConflictDoUpdate({
      target: alertWebhooks.workspaceId,
      set: { url: request.url, secretEncrypted, enabled: request.enabled ?? existing?.enabled ?? true, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function deleteWebhookSettings(db: Database, workspaceId: string): Promise<boolean> {
  const rows = await db.delete(alertWebhooks).where(eq(alertWebhooks.workspaceId, workspaceId)).returning({ id: alertWebhooks.workspaceId });
  return rows.length > 0;
}

export function webhookSecret(row: Row, encryptionKey: Buffer | undefined): string {
  if (!encryptionKey) throw new Error("ENCRYPTION_KEY is not configured");
  return openSecret(row.secretEncrypted, encryptionKey);
}
