import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { orderSettingsSchema, type OrderSettings } from "@surgedesk/shared";
import { meQueryOptions } from "../auth/session-queries.ts";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { orderSettingsQueryOptions, saveOrderSettings } from "./order-settings-queries.ts";

const EXPLAINED =
  "Refunds above this amount (in the shop's currency) need an admin's approval, and a refund request or a damage claim without photos on an order above it is escalated.";

/** The workspace's order settings: the refund approval threshold. Admins change it; everyone else reads it and why they cannot. */
export function OrderSettingsPage() {
  const settings = useQuery(orderSettingsQueryOptions);
  const { data: me } = useQuery(meQueryOptions);
  return (
    <div className="settings-page">
      <h1>Orders</h1>
      <p className="muted">{EXPLAINED}</p>
      {settings.isPending && <p className="muted">Loading…</p>}
      {settings.isError && <Notice tone="error">Could not load the order settings: {settings.error.message}</Notice>}
      {settings.data && me &&
        (me.role === "admin" ? (
          <ThresholdForm stored={settings.data} />
        ) : (
          <>
            <dl className="facts-list">
              <dt>Refunds need an admin&apos;s approval over</dt>
              <dd>{settings.data.refundApprovalOver}</dd>
            </dl>
            <p className="muted">
              Only admins can change the refund approval threshold; you are signed in as {me.role === "agent" ? "an agent" : "a viewer"}. Ask an admin of your workspace if it
              should change.
            </p>
          </>
        ))}
    </div>
  );
}

function ThresholdForm({ stored }: { stored: OrderSettings }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState(stored.refundApprovalOver);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: saveOrderSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.orders, saved);
      setAmount(saved.refundApprovalOver);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  return (
    <section className="settings-card" aria-label="Refund approval">
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // The shared contract is what the API checks too: its message is the one shown.
          const parsed = orderSettingsSchema.safeParse({ refundApprovalOver: amount });
          if (!parsed.success) {
            setProblem(parsed.error.issues[0]?.message ?? "Give an amount, like 150 or 150.00.");
            return;
          }
          setProblem(null);
          save.mutate(parsed.data);
        }}
      >
        <label>
          Refunds need an admin&apos;s approval over
          <input
            type="text"
            inputMode="decimal"
            value={amount}
            onChange={(e) => {
              save.reset();
              setProblem(null);
              setAmount(e.target.value);
            }}
            aria-invalid={problem !== null}
            aria-describedby={problem ? "refund-threshold-problem" : undefined}
          />
        </label>
        {problem && (
          <p className="field-error" id="refund-threshold-problem">
            {problem}
          </p>
        )}
        <p className="muted hint">In the shop&apos;s currency, digits only (150 or 150.00). 0 sends every refund to an admin.</p>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save threshold
          </button>
        </div>
      </form>
      {save.isSuccess && <Notice tone="success">Saved: refunds over {save.data.refundApprovalOver} need an admin&apos;s approval.</Notice>}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
    </section>
  );
}
