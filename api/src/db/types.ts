import type { Database } from "./client.ts";
import type { connectedAccounts, replyOutbox, syncCursors } from "./schema/index.ts";

/** An open transaction (or savepoint): what `db.transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Where a query can run: the database itself or a transaction already open. */
export type Executor = Database | Tx;

/** A connected platform account's row: the one type every feature and connector uses for it. */
export type ConnectedAccount = typeof connectedAccounts.$inferSelect;

/** One polled resource's paging state (a video's comments, a conversation's messages). */
export type SyncCursor = typeof syncCursors.$inferSelect;

/** A reply waiting in (or sent through) the outbox. */
export type OutboxRow = typeof replyOutbox.$inferSelect;
