import { Hono, type Context } from "hono";
import { z } from "zod";
import { accountChannelSchema, oauthAvailabilitySchema, oauthStartSchema, ACCOUNT_CHANNELS, type AccountChannel, type OAuthOutcome } from "@surgedesk/shared";
import type { AppEnv } from "../../app-env.ts";
import { requireRole } from "../../auth/actor.ts";
import { ApiError } from "../../errors/api-error.ts";
import { validate } from "../../middleware/validator.ts";
import { routeDoc } from "../../openapi/route-doc.ts";
import { describeError } from "../../lib/safe-error.ts";
import { connectAccount } from "../connect-account.ts";
import { consumeOAuthState, createOAuthState } from "./oauth-state.ts";
import { OAuthExchangeError, type PlatformOAuth } from "../../connectors/platform-oauth.ts";
import type { Services } from "../../services.ts";

/** Where the callback sends the admin back to: the console's connected accounts page. */
export const SETTINGS_ACCOUNTS_PATH = "/settings/accounts";

/** The base the platform redirects to: PUBLIC_URL, or in demo mode the address the console is open at. */
function redirectBase(c: Context<AppEnv>, services: Services): string | undefined {
  if (services.config.publicUrl) return services.config.publicUrl;
  return services.config.demo ? new URL(c.req.url).origin : undefined;
}

export const callbackPath = (channel: AccountChannel) => `/api/accounts/oauth/${channel}/callback`;

/** The settings the server lacks for this channel's "Connect", by their environment names. */
function missingFor(services: Services, oauth: PlatformOAuth | undefined, hasBase: boolean): string[] {
  if (!oauth) return ["(this platform connects with a token only)"];
  return [...oauth.missingSettings(services.config), ...(hasBase ? [] : ["PUBLIC_URL"]), ...(services.config.encryptionKey ? [] : ["ENCRYPTION_KEY"])];
}

const channelParam = z.object({ channel: accountChannelSchema });
const callbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

/**
 * Connecting an account with the platform's OAuth authorization-code flow: an admin asks for
 * the platform's authorize URL (a single-use `state` bound to them is minted), agrees on the
 * platform, and comes back to the callback, which checks the state, trades the code for tokens
 * server-side, connects the account in the admin's workspace and sends them back to Settings.
 */
export const oauthRoutes = new Hono<AppEnv>()
  .get("/", routeDoc({ summary: "Which platforms can be connected with OAuth here, and what settings are missing", response: z.object({ items: z.array(oauthAvailabilitySchema) }) }), (c) => {
    requireRole(c, "admin");
    const services = c.get("services");
    const hasBase = redirectBase(c, services) !== undefined;
    const items = ACCOUNT_CHANNELS.map((channel) => {
      const missing = missingFor(services, services.connectors.forChannel(channel).oauth, hasBase);
      return { channel, ready: missing.length === 0, missing };
    });
    return c.json({ items }, 200);
  })
  .post(
    "/:channel/start",
    routeDoc({ summary: "Start connecting an account: the platform's authorize URL with a single-use state", response: oauthStartSchema }),
    validate("param", channelParam),
    async (c) => {
      const { workspaceId, userId } = requireRole(c, "admin");
      const services = c.get("services");
      const { channel } = c.req.valid("param");
      const connector = services.connectors.forChannel(channel);
      const base = redirectBase(c, services);
      const missing = missingFor(services, connector.oauth, base !== undefined);
      if (!connector.oauth || !base || missing.length > 0) {
        throw new ApiError("conflict", `Connecting ${connector.label} needs these server settings: ${missing.join(", ")}. Until then, connect it with a token below.`);
      }
      const redirectUri = `${base}${callbackPath(channel)}`;
      const state = await createOAuthState(services.db, { workspaceId, userId, channel, redirectUri, now: new Date() });
      let authorizeUrl = connector.oauth.authorizeUrl({ config: services.config, state, redirectUri });
      // Demo mode: the emulated platform's page is served through this server (see emulated-authorize-page.ts).
      if (services.config.demo) authorizeUrl = `${base}/demo/oauth/${channel}/authorize${new URL(authorizeUrl).search}`;
      return c.json({ authorizeUrl }, 200);
    },
  )
  .get(
    "/:channel/callback",
    routeDoc({ summary: "Where the platform sends the admin back: checks the state, connects the account, redirects to Settings" }),
    validate("param", channelParam),
    validate("query", callbackQuery),
    async (c) => {
      const services = c.get("services");
      const { channel } = c.req.valid("param");
      const query = c.req.valid("query");
      const back = (outcome: OAuthOutcome, accountId?: string) =>
        c.redirect(`${SETTINGS_ACCOUNTS_PATH}?${new URLSearchParams({ oauth: outcome, channel, ...(accountId && { account: accountId }) })}`, 303);

      const actor = c.get("actor");
      if (!actor) return back("signed_out");
      if (actor.role !== "admin") throw new ApiError("forbidden", `This needs the admin role; you are signed in as ${actor.role}.`);
      if (!query.state) return back("state_unknown");
      const now = new Date();
      const check = await consumeOAuthState(services.db, { state: query.state, channel, workspaceId: actor.workspaceId, userId: actor.userId, now });
      if (!check.ok) return back(check.outcome);
      // The admin said no on the platform's page (`error=access_denied`), or the platform failed.
      if (query.error) return back(query.error === "access_denied" ? "denied" : "platform_refused");
      if (!query.code) return back("code_missing");
      const oauth = services.connectors.forChannel(channel).oauth;
      if (!oauth) return back("not_configured");

      let grant;
      try {
        grant = await oauth.exchangeCode({ config: services.config, code: query.code, redirectUri: check.redirectUri, fetch: services.outboundFetch, now });
      } catch (error) {
        if (!(error instanceof OAuthExchangeError)) throw error;
        services.logger.warn("oauth code exchange failed", { channel, kind: error.kind, reason: error.message });
        return back(error.kind === "invalid_code" ? "code_invalid" : error.kind === "rejected" ? "platform_refused" : "platform_unavailable");
      }
      try {
        const account = await connectAccount(
          services.db,
          services.config,
          {
            workspaceId: actor.workspaceId,
            channel,
            externalAccountId: grant.externalAccountId,
            handle: grant.handle,
            accessToken: grant.accessToken,
            tokenExpiresAt: grant.accessTokenExpiresAt,
            refreshToken: grant.refreshToken,
            refreshTokenExpiresAt: grant.refreshTokenExpiresAt,
            platformParams: grant.platformParams,
            via: "oauth",
            actorUserId: actor.userId,
          },
          services.connectors,
        );
        return back("connected", account.id);
      } catch (error) {
        if (error instanceof ApiError && error.code === "conflict") return back("owned_elsewhere");
        services.logger.error("oauth connect failed", { channel, error: describeError(error) });
        throw error;
      }
    },
  );
