import { signMetaPayload } from "@surgedesk/api/platforms/instagram/signature.ts";
import type { EmulatedComment, InstagramWorld, ReceivedMessage, SentMessage } from "./instagram-world.ts";

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function envelope(accountId: string, at: Date, entry: Record<string, unknown>): string {
  return JSON.stringify({ object: "instagram", entry: [{ id: accountId, time: seconds(at), ...entry }] });
}

/** The `comments` (or `live_comments`) webhook Meta sends for a comment, as raw JSON. */
export function commentWebhookBody(
  world: InstagramWorld,
  comment: EmulatedComment,
  options: { field?: "comments" | "live_comments"; at?: Date } = {},
): string {
  const media = world.getMedia(comment.mediaId);
  if (!media) throw new Error(`no emulated media ${comment.mediaId}`);
  const value = {
    id: comment.id,
    text: comment.text,
    ...(comment.parentId && { parent_id: comment.parentId }),
    // The emulator keeps one id per commenter: the scoped id Graph's `from.id` also carries.
    from: { id: comment.from.id, username: comment.from.username, self_ig_scoped_id: comment.from.id },
    media: { id: media.id, media_product_type: media.productType },
  };
  const field = options.field ?? (media.live === "no" ? "comments" : "live_comments");
  return envelope(media.accountId, options.at ?? world.now(), { changes: [{ field, value }] });
}

/** The `messages` webhook for a customer's DM. */
export function messageWebhookBody(message: ReceivedMessage): string {
  return envelope(message.accountId, message.at, {
    messaging: [
      {
        sender: { id: message.senderId },
        recipient: { id: message.accountId },
        timestamp: message.at.getTime(),
        message: { mid: message.mid, text: message.text },
      },
    ],
  });
}

/** The echo Meta sends back for the brand's own DM or Private Reply. */
export function echoWebhookBody(sent: SentMessage): string {
  return envelope(sent.accountId, sent.at, {
    messaging: [
      {
        sender: { id: sent.accountId },
        recipient: { id: sent.recipientId },
        timestamp: sent.at.getTime(),
        message: { mid: sent.messageId, text: sent.text, is_echo: true },
      },
    ],
  });
}

export interface DeliveryPlan {
  /** Each body is delivered this many times (Meta delivers at least once). */
  times?: number;
  /** `reverse` delivers a reply before its parent; `shuffle` any order. */
  order?: "as_is" | "reverse" | "shuffle";
  random?: () => number;
}

/** The sequence of bodies Meta might really deliver: repeated, and not in the order they happened. */
export function planDeliveries(bodies: string[], { times = 1, order = "as_is", random = Math.random }: DeliveryPlan = {}): string[] {
  const repeated = bodies.flatMap((body) => Array.from({ length: times }, () => body));
  if (order === "reverse") return repeated.reverse();
  if (order === "shuffle") {
    for (let i = repeated.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [repeated[i], repeated[j]] = [repeated[j]!, repeated[i]!];
    }
  }
  return repeated;
}

/** Request init for POSTing a body to `/webhooks/instagram`, signed as Meta signs it. */
export function signedDelivery(body: string, appSecret: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signMetaPayload(body, appSecret) },
    body,
  };
}
