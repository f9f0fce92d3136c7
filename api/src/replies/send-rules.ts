import { ApiError } from "../errors/api-error.ts";
import type { ReplyOptions } from "@surgedesk/shared";
import { isRefusal, type CommentToDmAvailability, type PlannedSend, type ReplyPlan, type ReplyRefusal, type ReplyTarget } from "../connectors/contract.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import { publicReplyProblem } from "./pii-guard.ts";

export type { PlannedSend } from "../connectors/contract.ts";

/**
 * What every platform has in common about sending, checked here; each platform's own limits
 * (windows, lengths, the ids a send needs) are its connector's reply rules.
 */

/** How this customer's comment can move to a private conversation, and why not when it cannot. */
export function commentToDmAvailability(connectors: ConnectorRegistry, t: ReplyTarget, privateReplyTaken: boolean, now: Date): CommentToDmAvailability {
  if (t.message.kind !== "comment" || t.message.direction !== "inbound") {
    return { mode: "none", reason: "Comment-to-DM applies to a customer's public comment." };
  }
  return connectors.forChannel(t.account.channel).replies.commentToDm(t, privateReplyTaken, now);
}

/** A public reply under the comment; refused when the text would expose personal or order data. */
export function planPublicReply(connectors: ConnectorRegistry, t: ReplyTarget, text: string): PlannedSend {
  if (t.message.kind !== "comment") throw new ApiError("bad_request", "A public reply answers a comment; this message is a DM.");
  const problem = publicReplyProblem(text);
  if (problem) throw new ApiError("bad_request", problem);
  return accepted(connectors.forChannel(t.account.channel).replies.publicReply(t, text));
}

/** A private message: the platform's private reply to a comment, or a reply in a DM conversation. */
export function planPrivateReply(connectors: ConnectorRegistry, t: ReplyTarget, text: string, privateReplyTaken: boolean, now: Date): PlannedSend {
  const connector = connectors.forChannel(t.account.channel);
  if (t.message.kind === "comment") {
    const availability = commentToDmAvailability(connectors, t, privateReplyTaken, now);
    if (availability.mode === "public_invite") {
      throw new ApiError("bad_request", `${connector.label} has no way to send a DM from a comment: reply publicly and invite the buyer to message the shop.`);
    }
    if (availability.reason) throw new ApiError("bad_request", availability.reason);
    if (availability.mode !== "private_reply" || !connector.replies.privateReplyToComment) {
      throw new ApiError("bad_request", "This channel has no private reply to a comment.");
    }
    return connector.replies.privateReplyToComment(t, text);
  }
  if (t.message.direction !== "inbound") throw new ApiError("bad_request", "Reply to the customer's message, not to one of the brand's own.");
  return accepted(connector.replies.directMessage(t, text, now));
}

function accepted(plan: ReplyPlan): PlannedSend {
  if (isRefusal(plan)) throw new ApiError("bad_request", plan.refused);
  return plan;
}

/** A short text to ask a platform's rules whether a send is open now (windows, ids), whatever it says. */
const PROBE_TEXT = "ok";

/**
 * What the composer may send now for this message, each with the platform's reason when not:
 * the same rules a send goes through, asked before anything is written (the PII guard and
 * length limits are about a text, so they are checked when it is sent).
 */
export function replyOptions(connectors: ConnectorRegistry, t: ReplyTarget, privateReplyTaken: boolean, now: Date): ReplyOptions {
  const connector = connectors.forChannel(t.account.channel);
  const reasonOf = (plan: () => unknown): string | null => {
    try {
      const result = plan();
      return result && typeof result === "object" && isRefusal(result as ReplyPlan) ? (result as ReplyRefusal).refused : null;
    } catch (error) {
      return error instanceof ApiError ? error.message : "This send is not possible here.";
    }
  };
  const option = (reason: string | null) => ({ available: reason === null, reason });
  if (t.message.direction !== "inbound") {
    const reason = "Reply to the customer's message, not to one of the brand's own.";
    return { public: option(reason), private: option(reason) };
  }
  if (t.message.kind === "dm") {
    return {
      public: option("A DM has no public reply: answer in the conversation."),
      private: option(reasonOf(() => connector.replies.directMessage(t, PROBE_TEXT, now))),
    };
  }
  return {
    public: option(reasonOf(() => connector.replies.publicReply(t, PROBE_TEXT))),
    private: option(reasonOf(() => planPrivateReply(connectors, t, PROBE_TEXT, privateReplyTaken, now))),
  };
}
