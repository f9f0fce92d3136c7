import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { meQueryOptions } from "../auth/session-queries.ts";
import { useNow } from "../inbox/use-now.ts";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { ROLE_NAMES } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { exactTime } from "./time-words.ts";
import { createToken, revokeToken, tokensQueryOptions } from "./token-queries.ts";
import { usersQueryOptions } from "./user-queries.ts";
import { When } from "./when.tsx";

/** API tokens: each acts as a user (with that user's role) until it expires or is revoked. */
export function TokensPage() {
  const tokens = useQuery(tokensQueryOptions);
  const users = useQuery(usersQueryOptions);
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (token: { id: string; name: string }) => revokeToken(token.id),
    onSuccess: (_, token) => {
      setOutcome({ tone: "success", text: `Revoked "${token.name}": it no longer works.` });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokens });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
    onError: (error) => setOutcome({ tone: "error", text: error.message }),
  });
  const now = useNow(60_000);
  const owner = (userId: string) => users.data?.find((u) => u.id === userId);

  return (
    <div className="settings-page">
      <h1>API tokens</h1>
      <p className="muted">A token lets a script call the API as the user it belongs to, with that user&apos;s role. Send it as <code>Authorization: Bearer …</code>.</p>
      <CreateTokenForm />
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      <h2>Live tokens</h2>
      {tokens.isPending && <p className="muted">Loading tokens…</p>}
      {tokens.isError && <Notice tone="error">Could not load the tokens: {tokens.error.message}</Notice>}
      {tokens.data?.length === 0 && <p className="empty-state">No tokens yet. Create one above when a script or integration needs the API.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="settings-list" aria-label="API tokens">
          {tokens.data.map((token) => {
            const user = owner(token.userId);
            const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
            return (
              <li key={token.id} className="settings-item" aria-label={token.name}>
                <div className="item-head">
                  <strong className="wrap">{token.name}</strong>
                  {expired && <span className="state state-problem">Expired</span>}
                </div>
                <dl className="facts-list">
                  <dt>Acts as</dt>
                  <dd>{user ? `${user.name} (${ROLE_NAMES[user.role]}${user.disabled ? ", disabled" : ""})` : "a user no longer listed"}</dd>
                  <dt>Created</dt>
                  <dd>
                    <When at={token.createdAt} />
                  </dd>
                  <dt>Expires</dt>
                  <dd>{token.expiresAt ? <When at={token.expiresAt} /> : "never (until revoked)"}</dd>
                  <dt>Last used</dt>
                  <dd>{token.lastUsedAt ? <When at={token.lastUsedAt} /> : "never"}</dd>
                </dl>
                <div className="item-actions">
                  <ConfirmButton
                    label="Revoke"
                    ariaLabel={`Revoke ${token.name}`}
                    confirmLabel={`Revoke ${token.name}`}
                    question={`Revoke "${token.name}"? Anything using it is refused from now on. This cannot be undone.`}
                    onConfirm={() => {
                      setOutcome(null);
                      revoke.mutate(token);
                    }}
                    disabled={revoke.isPending}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The last day a token may be used, as the API's end-of-day time in the admin's own zone. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

function CreateTokenForm() {
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQueryOptions);
  const users = useQuery(usersQueryOptions);
  const [name, setName] = useState("");
  const nameInput = useRef<HTMLInputElement>(null);
  const [userId, setUserId] = useState("");
  const [expires, setExpires] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: () => {
      setName("");
      setExpires("");
      void queryClient.invalidateQueries({ queryKey: settingsKeys.tokens });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section className="settings-card" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return setProblem("Give the token a name that says what uses it, like “Order sync”.");
          if (expires && expires < today) return setProblem("The expiry date must be today or later.");
          setProblem(null);
          create.mutate({ name: name.trim(), ...(userId && { userId }), ...(expires && { expiresAt: endOfDay(expires) }) });
        }}
      >
        <label>
          Name
          <input ref={nameInput} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" aria-invalid={problem !== null} />
        </label>
        <label>
          Acts as
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{me ? `${me.name} (you, ${ROLE_NAMES[me.role]})` : "you"}</option>
            {users.data
              ?.filter((u) => u.id !== me?.id && !u.disabled)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({ROLE_NAMES[u.role]})
                </option>
              ))}
          </select>
        </label>
        <label>
          Expires after (optional)
          <input type="date" value={expires} min={today} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <p className="muted hint">Without a date the token works until revoked. It is refused from the end of the chosen day.</p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            Create token
          </button>
        </div>
      </form>
      {create.isError && <Notice tone="error">{create.error.message}</Notice>}
      {create.data && <NewTokenSecret name={create.data.name} token={create.data.token} expiresAt={create.data.expiresAt} onDone={() => {
            create.reset();
            nameInput.current?.focus();
          }} />}
    </section>
  );
}

/** The secret, once: the API keeps only its hash, so this is the only time anyone sees it. */
function NewTokenSecret({ name, token, expiresAt, onDone }: { name: string; token: string; expiresAt: string | null; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="secret-box" role="region" aria-label="New token" tabIndex={-1} ref={(element) => element?.focus()}>
      <p className="notice notice-success">
        Created &quot;{name}&quot;{expiresAt ? `, valid until ${exactTime(expiresAt)}` : ""}.
      </p>
      <p className="warning">
        <strong>Copy the token now: it will not be shown again.</strong> Anyone who has it can use the API as its user.
      </p>
      <label>
        Token
        <input readOnly value={token} className="mono" onFocus={(e) => e.target.select()} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            void navigator.clipboard.writeText(token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy token
        </button>
        <button type="button" onClick={onDone}>
          I have copied it
        </button>
      </div>
      {copied === true && <p className="ok" role="status">Copied to the clipboard.</p>}
      {copied === false && <p className="field-error" role="alert">The browser did not allow copying: select the token and copy it by hand.</p>}
    </div>
  );
}
