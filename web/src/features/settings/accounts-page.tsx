import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ACCOUNT_CHANNELS, type AccountChannel, type ConnectedAccountView, type OAuthAvailability } from "@surgedesk/shared";
import { useIsAdmin } from "./admin-only.tsx";
import { AccountHealthView, cursorsInWords } from "./account-health-view.tsx";
import { accountsQueryOptions, connectAccount, oauthAvailabilityQueryOptions, startOAuth } from "./account-queries.ts";
import { oauthOutcomeInWords, readOAuthResult } from "./oauth-outcome.ts";
import { ingestStatusQueryOptions } from "./ingest-queries.ts";
import { PLATFORM_NAMES, handleInWords } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";

/** The extra value each platform needs to call its API, by the name its docs use. */
const PLATFORM_PARAMS: Partial<Record<AccountChannel, { key: string; label: string; hint: string }>> = {
  tiktok_business: { key: "business_id", label: "Business id", hint: "TikTok's business_id for this account." },
  tiktok_shop: { key: "shop_cipher", label: "Shop cipher", hint: "TikTok Shop's shop_cipher for this shop." },
};

interface Draft {
  channel: AccountChannel;
  externalAccountId: string;
  handle: string;
  accessToken: string;
  tokenExpires: string;
  param: string;
}
const EMPTY: Draft = { channel: "instagram", externalAccountId: "", handle: "", accessToken: "", tokenExpires: "", param: "" };

/**
 * Connected accounts by platform, each with its health in words, and (for admins) the platforms'
 * "Connect" buttons and the form to connect one with a token. `search` carries how a "Connect"
 * round trip ended (the API's callback redirects back here with it).
 */
export function AccountsPage({ search = {} }: { search?: Record<string, unknown> }) {
  const accounts = useQuery(accountsQueryOptions);
  const ingest = useQuery(ingestStatusQueryOptions);
  const isAdmin = useIsAdmin();
  const oauth = useQuery({ ...oauthAvailabilityQueryOptions, enabled: isAdmin });
  const readyFor = (channel: AccountChannel) => oauth.data?.find((o) => o.channel === channel)?.ready === true;
  const connectWith = useMutation({ mutationFn: startOAuth, onSuccess: (authorizeUrl) => window.location.assign(authorizeUrl) });
  const result = readOAuthResult(search);
  const connected = result?.accountId ? accounts.data?.find((a) => a.id === result.accountId) : undefined;
  const outcome = result && oauthOutcomeInWords(result, connected?.handle ? handleInWords(connected.handle) : undefined);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [formKey, setFormKey] = useState(0);
  const cursorsOf = (id: string) => ingest.data?.accounts.find((a) => a.id === id)?.cursors;
  const reconnect = (account: ConnectedAccountView) => {
    setDraft({ ...EMPTY, channel: account.channel, externalAccountId: account.externalAccountId, handle: account.handle ?? "" });
    setFormKey((k) => k + 1);
  };

  return (
    <div className="settings-page">
      <h1>Connected accounts</h1>
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      {isAdmin && <ConnectWithPlatform availability={oauth.data} start={(channel) => connectWith.mutate(channel)} starting={connectWith.isPending} />}
      {connectWith.isError && <Notice tone="error">{connectWith.error.message}</Notice>}
      {accounts.isPending && <p className="muted">Loading accounts…</p>}
      {accounts.isError && <Notice tone="error">Could not load the accounts: {accounts.error.message}</Notice>}
      {accounts.data?.length === 0 && (
        <p className="empty-state">{isAdmin ? "No account is connected yet: connect one above, or with its access token below." : "No account is connected yet. An admin can connect one."}</p>
      )}
      {ACCOUNT_CHANNELS.map((channel) => {
        const mine = accounts.data?.filter((a) => a.channel === channel) ?? [];
        if (mine.length === 0) return null;
        return (
          <section key={channel} aria-labelledby={`platform-${channel}`} className="platform-group">
            <h2 id={`platform-${channel}`}>{PLATFORM_NAMES[channel]}</h2>
            <ul className="settings-list">
              {mine.map((account) => {
                const cursors = cursorsOf(account.id);
                return (
                  <li key={account.id} className="settings-item" aria-label={account.handle ? handleInWords(account.handle) : PLATFORM_NAMES[channel]}>
                    <div className="item-head">
                      <strong className="wrap">{account.handle ? handleInWords(account.handle) : "No handle"}</strong>
                    </div>
                    <details className="technical">
                      <summary>Account id on {PLATFORM_NAMES[channel]}</summary>
                      <span className="mono">{account.externalAccountId}</span>
                    </details>
                    <AccountHealthView account={account} />
                    {cursors && <p className="muted">{cursorsInWords(cursors)}</p>}
                    {isAdmin && (
                      <div className="item-actions">
                        {readyFor(channel) && (
                          <button
                            type="button"
                            disabled={connectWith.isPending}
                            onClick={() => connectWith.mutate(channel)}
                            aria-label={`Reconnect ${account.handle ? handleInWords(account.handle) : "this account"} through ${PLATFORM_NAMES[channel]}`}
                          >
                            Reconnect
                          </button>
                        )}
                        <button type="button" onClick={() => reconnect(account)} aria-label={`Reconnect with a new token: ${account.handle ? handleInWords(account.handle) : PLATFORM_NAMES[channel]}`}>
                          Reconnect with a new token
                        </button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {isAdmin ? (
        <ConnectAccountForm key={formKey} initial={draft} focus={formKey > 0} />
      ) : (
        <p className="muted">Only admins can connect or reconnect accounts.</p>
      )}
    </div>
  );
}

/**
 * "Connect Instagram" and its siblings: the platform's own sign-in and consent, then back here.
 * A platform the server is not set up for says which settings it lacks instead.
 */
function ConnectWithPlatform({ availability, start, starting }: { availability: OAuthAvailability[] | undefined; start: (channel: AccountChannel) => void; starting: boolean }) {
  if (!availability) return null;
  return (
    <section className="settings-card" aria-labelledby="oauth-heading">
      <h2 id="oauth-heading">Connect an account</h2>
      <p className="muted">Sign in on the platform and allow Surgedesk to read and answer comments and messages; you come back here when it is done.</p>
      <ul className="settings-list">
        {availability.map(({ channel, ready, missing }) => (
          <li key={channel} className="item-actions">
            <button type="button" className="primary" disabled={!ready || starting} onClick={() => start(channel)} aria-describedby={ready ? undefined : `oauth-missing-${channel}`}>
              Connect {PLATFORM_NAMES[channel]}
            </button>
            {!ready && (
              <span className="muted" id={`oauth-missing-${channel}`}>
                Not set up on this server: set {missing.join(", ")} in its environment, or connect with a token below.
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConnectAccountForm({ initial, focus }: { initial: Draft; focus: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const param = PLATFORM_PARAMS[draft.channel];
  const connect = useMutation({
    mutationFn: connectAccount,
    onSuccess: () => {
      setDraft(EMPTY);
      for (const key of [settingsKeys.accounts, settingsKeys.ingest, settingsKeys.audit]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const set = (field: keyof Draft) => (value: string) => {
    connect.reset();
    setDraft({ ...draft, [field]: value });
  };

  return (
    <section className="settings-card" aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect or reconnect an account</h2>
      <p className="muted">
        Paste the access token from the platform&apos;s developer tools. Connecting an account that is already here replaces its token and clears its
        &quot;needs attention&quot; state. The token is stored encrypted and never shown again.
      </p>
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.externalAccountId.trim()) return setProblem("Enter the platform's id for the account.");
          if (param && !draft.param.trim()) return setProblem(`Enter the ${param.label.toLowerCase()}: ${PLATFORM_NAMES[draft.channel]} needs it.`);
          setProblem(null);
          connect.mutate({
            channel: draft.channel,
            externalAccountId: draft.externalAccountId.trim(),
            ...(draft.handle.trim() && { handle: draft.handle.trim().replace(/^@/, "") }),
            ...(draft.accessToken && { accessToken: draft.accessToken }),
            ...(draft.tokenExpires && { tokenExpiresAt: new Date(`${draft.tokenExpires}T23:59:59`).toISOString() }),
            ...(param && { platformParams: { [param.key]: draft.param.trim() } }),
          });
        }}
      >
        <label>
          Platform
          <select value={draft.channel} onChange={(e) => set("channel")(e.target.value)}>
            {ACCOUNT_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {PLATFORM_NAMES[channel]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Account id
          <input value={draft.externalAccountId} onChange={(e) => set("externalAccountId")(e.target.value)} autoComplete="off" maxLength={100} />
        </label>
        <label>
          Handle (optional)
          <input value={draft.handle} onChange={(e) => set("handle")(e.target.value)} autoComplete="off" maxLength={100} placeholder="brand_name" />
        </label>
        <label>
          Access token
          <input
            type="password"
            value={draft.accessToken}
            onChange={(e) => set("accessToken")(e.target.value)}
            autoComplete="off"
            maxLength={4000}
            // "Reconnect" fills in the account: the fresh token is what is left to type.
            autoFocus={focus}
          />
        </label>
        <label>
          Token expires on (optional)
          <input type="date" value={draft.tokenExpires} onChange={(e) => set("tokenExpires")(e.target.value)} />
        </label>
        {param && (
          <>
            <label>
              {param.label}
              <input value={draft.param} onChange={(e) => set("param")(e.target.value)} autoComplete="off" maxLength={500} aria-describedby="platform-param-hint" />
            </label>
            <p className="muted hint" id="platform-param-hint">
              {param.hint}
            </p>
          </>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
            Connect account
          </button>
        </div>
      </form>
      {connect.isSuccess && (
        <Notice tone="success">
          Connected {PLATFORM_NAMES[connect.data.channel]} {connect.data.handle ? handleInWords(connect.data.handle) : `account ${connect.data.externalAccountId}`}.
        </Notice>
      )}
      {connect.isError && <Notice tone="error">{connect.error.message}</Notice>}
    </section>
  );
}
