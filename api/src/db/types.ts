import type { connectedAccounts, replyOutbox, syncCursors } from "./schema/index.ts";

/** A connected platform account's row: the one type every feature and connector uses for it. */
export type ConnectedAccount = typeof connectedAccounts.$inferSelect;

/** One polled resource's paging state (a video's comments, a conversation's messages). */
export type SyncCursor = typeof syncCursors.$inferSelect;

/** A reply waiting in (or sent through) the outbox. */
export type OutboxRow = typeof replyOutbox.$inferSelect;
