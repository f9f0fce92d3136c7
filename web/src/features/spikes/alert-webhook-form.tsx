import { useState } from "react";
import type { AlertWebhookView } from "@surgedesk/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { Notice } from "../../design/notice.tsx";
import { alertWebhookQueryOptions, deleteAlertWebhook, saveAlertWebhook, sendTestAlert } from "./spike-settings-queries.ts";

/**
 * Where surge alerts are POSTed (Slack-compatible JSON, signed with HMAC-SHA256 of the secret).
 * The secret is write-only: the API says whether one is set, never what it is.
 */
export function AlertWebhookForm() {
  const current = useQuery(alertWebhookQueryOptions);
  if (current.isPending) return null;
  // A failed refetch later keeps the form (and what the admin typed); only a first failure shows here.
  if (current.data === undefined) return <Notice tone="error" focus={false}>Could not load the alert webhook: {current.error?.message}</Notice>;
  // Mounted once the settings are known: the fields start from them and are then the admin's.
  return <AlertWebhookEditor stored={current.data} />;
}

/** `stored`: the settings as last saved (null when none), kept current by the query above. */
function AlertWebhookEditor({ stored }: { stored: AlertWebhookView | null }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(stored?.url ?? "");
  const [secret, setSecret] = useState("");
  const [enabled, setEnabled] = useState(stored?.enabled ?? true);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: alertWebhookQueryOptions.queryKey });

  const save = useMutation({
    mutationFn: () => saveAlertWebhook({ url: url.trim(), enabled, ...(secret && { secret }) }),
    onSuccess: (view) => {
      setSecret("");
      queryClient.setQueryData(alertWebhookQueryOptions.queryKey, view);
    },
  });
  const test = useMutation({ mutationFn: sendTestAlert });
  const remove = useMutation({
    mutationFn: deleteAlertWebhook,
    onSuccess: () => {
      setUrl("");
      setSecret("");
      save.reset();
      test.reset();
      refresh();
    },
  });
  const hasSecret = stored?.hasSecret ?? false;
  // The test goes to the saved address: with unsaved edits it would test something else.
  const dirty = !stored || url.trim() !== stored.url || enabled !== stored.enabled || secret !== "";
  /** An edit makes "Saved." and the last test's result stale. */
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    save.reset();
    test.reset();
    set(value);
  };

  return (
    <section className="settings-card" aria-label="Alert webhook">
      <h2>Alert webhook</h2>
      <p className="muted">
        Each alert — started, escalated, resolved — is POSTed as Slack-compatible JSON, signed in the <code>X-Surgedesk-Signature</code> header
        (<code>t=…,v1=</code>HMAC-SHA256 of <code>t.body</code> with the secret). Counts and labels only, never a customer&apos;s words.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          URL <input type="url" value={url} onChange={(e) => edited(setUrl)(e.target.value)} required placeholder="https://hooks.slack.com/services/…" />
        </label>
        <label>
          Signing secret{" "}
          <input
            type="password"
            value={secret}
            onChange={(e) => edited(setSecret)(e.target.value)}
            minLength={16}
            required={!hasSecret}
            autoComplete="new-password"
            placeholder={hasSecret ? "set (leave empty to keep it)" : "at least 16 characters"}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => edited(setEnabled)(e.target.checked)} /> Send alerts
        </label>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save
          </button>
          {stored && (
            <>
              <button type="button" onClick={() => test.mutate()} disabled={test.isPending || dirty} title={dirty ? "Save first: the test goes to the saved address" : undefined}>
                Send a test alert
              </button>
              <ConfirmButton label="Remove" question="Stop sending alerts and forget this webhook?" confirmLabel="Remove the webhook" onConfirm={() => remove.mutate()} />
            </>
          )}
        </div>
      </form>
      {save.isSuccess && <Notice tone="success">Saved.</Notice>}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
      {test.data && (
        <Notice tone={test.data.delivered ? "success" : "error"}>
          {test.data.delivered ? `Test alert delivered (HTTP ${test.data.status}).` : `Test alert not delivered: ${test.data.error ?? `HTTP ${test.data.status}`}.`}
        </Notice>
      )}
      {(test.error ?? remove.error) && <Notice tone="error">{(test.error ?? remove.error)!.message}</Notice>}
    </section>
  );
}
