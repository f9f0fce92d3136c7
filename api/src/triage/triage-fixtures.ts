import type { EscalationLevel, Label, MessageKind, MessageStatus, Platform } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { connectedAccounts, messages, workspaces } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";

export interface MessageSpec {
  text?: string;
  label?: Label | null;
  escalation?: EscalationLevel | null;
  status?: MessageStatus;
  kind?: MessageKind;
  platform?: Platform;
  direction?: "inbound" | "outbound";
  /** Minutes before now it was written. */
  ageMinutes?: number;
  assigneeId?: string | null;
  authorHandle?: string;
  /** The model was unsure of the label. */
  needsLabel?: boolean;
}

let sequence = 0;

/** A workspace of its own with one connected account, for tests that need a second brand. */
export async function createWorkspaceWithAccount(db: Database, name: string) {
  const workspaceId = newId("ws");
  await db.insert(workspaces).values({ id: workspaceId, name });
  return { workspaceId, accountId: await createAccount(db, workspaceId) };
}

export async function createAccount(db: Database, workspaceId: string) {
  const accountId = newId("acct");
  await db.insert(connectedAccounts).values({
    id: accountId,
    workspaceId,
    platform: "instagram",
    channel: "instagram",
    externalAccountId: `1784${Date.now()}${(sequence += 1)}`,
  });
  return accountId;
}

/**
 * Messages written straight to the table with exactly the triage fields a test needs, fresh and
 * uniquely named; ingestion has tests of its own.
 */
export async function seedMessages(db: Database, workspaceId: string, accountId: string, specs: MessageSpec[], now = Date.now()) {
  const rows = specs.map((spec) => {
    sequence += 1;
    const externalId = `t${Date.now()}${sequence}`;
    return {
      id: newId("msg"),
      workspaceId,
      accountId,
      platform: spec.platform ?? ("instagram" as const),
      kind: spec.kind ?? ("comment" as const),
      direction: spec.direction ?? ("inbound" as const),
      externalId,
      threadKey: externalId,
      authorExternalId: `a${sequence}`,
      authorHandle: spec.authorHandle ?? `buyer_${sequence}`,
      text: spec.text ?? `message ${sequence}`,
      createdAt: new Date(now - (spec.ageMinutes ?? sequence % 600) * 60_000),
      status: spec.status ?? ("open" as const),
      label: spec.label === undefined ? ("other" as const) : spec.label,
      needsLabel: spec.needsLabel ?? false,
      escalationLevel: spec.escalation === undefined ? ("low" as const) : spec.escalation,
      assigneeId: spec.assigneeId ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insert(messages).values(rows.slice(i, i + 1000));
  return rows.map((row) => row.id);
}
