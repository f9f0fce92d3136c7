import type { QueueSort } from "@surgedesk/shared";
import { ApiError } from "../errors/api-error.ts";

/** The sort key of the last row served: each page starts strictly after it. */
export interface QueueCursor {
  sort: QueueSort;
  escalationRank: number;
  createdAt: Date;
  id: string;
}

/** Opaque to clients, so the sort key can change without breaking them. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.escalationRank, cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeQueueCursor(value: string, sort: QueueSort): QueueCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(decoded) && decoded.length === 4) {
      const [cursorSort, rank, createdAt, id] = decoded as unknown[];
      if (cursorSort !== sort) throw new ApiError("validation_failed", "cursor belongs to another sort order; start from the first page.");
      if (typeof rank === "number" && Number.isInteger(rank) && typeof createdAt === "string" && typeof id === "string") {
        const date = new Date(createdAt);
        if (!Number.isNaN(date.getTime())) return { sort, escalationRank: rank, createdAt: date, id };
      }
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
  }
  throw new ApiError("validation_failed", "cursor is not a cursor this API issued.");
}
