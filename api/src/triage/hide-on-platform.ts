import { eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { connectedAccounts, messages, posts } from "../db/schema/index.ts";
import type { ConnectedAccount } from "../db/types.ts";
import { openAccessToken } from "../accounts/account-token.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";

type Account = Pick<ConnectedAccount, "channel" | "externalAccountId" | "platformParams" | "accessTokenEncrypted" | "status">;

export interface HideTarget {
  /** The comment's platform id. */
  externalId: string;
  /** The video or media it is on: TikTok needs it to find the comment. */
  postExternalId: string | null;
  account: Account;
}

/**
 * `select … from messages` with what hiding (or unhiding) a message's comment needs: its ids, its
 * post's id and its account; add the where. Hiding from the console and undoing a rule's hide
 * read the same columns.
 */
export function selectHideTargets(db: Database) {
  return db
    .select({
      id: messages.id,
      kind: messages.kind,
      visibility: messages.visibility,
      externalId: messages.externalId,
      postExternalId: posts.externalId,
      account: {
        channel: connectedAccounts.channel,
        externalAccountId: connectedAccounts.externalAccountId,
        platformParams: connectedAccounts.platformParams,
        accessTokenEncrypted: connectedAccounts.accessTokenEncrypted,
        status: connectedAccounts.status,
      },
    })
    .from(messages)
    .innerJoin(connectedAccounts, eq(connectedAccounts.id, messages.accountId))
    .leftJoin(posts, eq(posts.id, messages.postId));
}

export interface HideOptions {
  /** Make it public again instead (undoing a rule's hide). */
  unhide?: boolean;
}

/**
 * Hides one comment on its platform with its account's token, opened for this call only.
 * Throws a PlatformApiError (or an Error saying why it cannot be tried) when it fails.
 */
export async function hideOnPlatform(deps: { config: Config; connectors: ConnectorRegistry }, target: HideTarget, options: HideOptions = {}): Promise<void> {
  const { account } = target;
  const connector = deps.connectors.forChannel(account.channel);
  if (!connector.hideComment) throw new Error(`${connector.label} messages are private conversations; there is nothing to hide.`);
  if (!account.accessTokenEncrypted || account.status === "disconnected") {
    throw new Error("The account is not connected: reconnect it to hide comments.");
  }
  const accessToken = openAccessToken(deps.config, account.accessTokenEncrypted);
  await connector.hideComment({ config: deps.config, account, accessToken, externalId: target.externalId, postExternalId: target.postExternalId, unhide: options.unhide });
}
