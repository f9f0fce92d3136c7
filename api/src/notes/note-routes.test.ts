import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { LiveNoteAddedEvent, Note, NoteList } from "@surgedesk/shared";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createAccount, createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { seedMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { auditEvents, notes } from "../db/schema/index.ts";
import { readSse } from "../live/read-sse.ts";

let t: TestApp;
let messageId: string;
beforeAll(async () => {
  t = await createTestApp();
  const accountId = await createAccount(t.database.db, t.workspaceId);
  messageId = (await seedMessages(t.database.db, { workspaceId: t.workspaceId, accountId }, [{ text: "my parcel never came", kind: "dm" }]))[0]!;
});
afterAll(async () => {
  await t?.close();
});

const as = (token: string | null) => (method: string, path: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
const userIdOf = async (token: string) => ((await (await as(token)("GET", "/api/auth/me")).json()) as { user: { id: string } }).user.id;

describe("notes", () => {
  it("an agent's note with a mention is stored, audited, listed in order, and reaches the mentioned colleague live", async () => {
    const agent = await t.tokenFor("agent");
    const colleague = await t.tokenFor("agent");
    const colleagueId = await userIdOf(colleague);
    const theirStream = readSse(await as(colleague)("GET", "/api/live/stream"));
    const myStream = readSse(await as(agent)("GET", "/api/live/stream"));
    try {
      await theirStream.next((e) => e.event === "ready");
      await myStream.next((e) => e.event === "ready");
      const first = await as(agent)("POST", `/api/notes/messages/${messageId}`, { body: "Checked the courier: lost in transit. @Test agent can you refund?", mentionUserIds: [colleagueId] });
      expect(first.status).toBe(201);
      const note = (await first.json()) as Note;
      expect(note).toMatchObject({ messageId, author: { name: "Test agent" }, mentions: [{ id: colleagueId, name: "Test agent" }] });

      const heard = await theirStream.next((e) => e.event === "note.added");
      expect(heard.data).toEqual({ messageId, noteId: note.id, authorName: "Test agent", mentionsYou: true } satisfies LiveNoteAddedEvent);
      // The writer's own console refreshes the notes but is not told it was mentioned.
      expect((await myStream.next((e) => e.event === "note.added")).data).toMatchObject({ noteId: note.id, mentionsYou: false });

      await as(colleague)("POST", `/api/notes/messages/${messageId}`, { body: "Refund approved." });
      const listed = (await (await as(null)("GET", `/api/notes/messages/${messageId}`)).json()) as NoteList;
      expect(listed.items.map((n) => n.body)).toEqual(["Checked the courier: lost in transit. @Test agent can you refund?", "Refund approved."]);

      const mentions = (await (await as(colleague)("GET", "/api/notes/mentions")).json()) as NoteList;
      expect(mentions.items.map((n) => n.id)).toEqual([note.id]);
      const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "note.add"));
      expect(audit.filter((a) => a.entityId === messageId)).toHaveLength(2);
    } finally {
      await theirStream.close();
      await myStream.close();
    }
  });

  it("refuses bad notes with a 4xx JSON error and writes nothing", async () => {
    const agent = await t.tokenFor("agent");
    const viewer = await t.tokenFor("viewer");
    const rival = await t.tokenFor("agent", (await createWorkspaceWithAccount(t.database.db, "Rival brand")).workspaceId);
    const rivalId = await userIdOf(rival);
    const before = (await t.database.db.select().from(notes)).length;
    const cases: [string, string, unknown, number][] = [
      [agent, `/api/notes/messages/${messageId}`, "{not json", 400],
      [agent, `/api/notes/messages/${messageId}`, { body: "   " }, 400],
      [agent, `/api/notes/messages/${messageId}`, { body: "x".repeat(5001) }, 400],
      [agent, `/api/notes/messages/${messageId}`, { body: "ping", mentionUserIds: ["user_nobody"] }, 400],
      [agent, "/api/notes/messages/msg_missing", { body: "hello" }, 404],
      [agent, `/api/notes/messages/${messageId}`, { body: "ping", mentionUserIds: [rivalId] }, 400],
      [rival, `/api/notes/messages/${messageId}`, { body: "not my brand's message" }, 404],
      [viewer, `/api/notes/messages/${messageId}`, { body: "I only read" }, 403],
    ];
    for (const [token, path, body, status] of cases) {
      const response = await as(token)("POST", path, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    expect((await t.database.db.select().from(notes)).length).toBe(before);
    // Another brand reads nothing of ours.
    expect(((await (await as(rival)("GET", `/api/notes/messages/${messageId}`)).json()) as NoteList).items).toEqual([]);
  });
});
