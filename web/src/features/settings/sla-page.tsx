import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { slaPolicySchema, type SlaPolicy } from "@surgedesk/shared";
import { inboxKeys } from "../inbox/message-queries.ts";
import { useIsAdmin } from "./admin-only.tsx";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { saveSla, slaQueryOptions } from "./sla-queries.ts";
import { minutesInWords, splitMinutes, targetProblems, type TargetDraft } from "./sla-targets.ts";

/** The first-response targets: when a waiting message shows as due soon, and when as late. */
export function SlaPage() {
  const policy = useQuery(slaQueryOptions);
  const isAdmin = useIsAdmin();
  return (
    <div className="settings-page">
      <h1>Response targets</h1>
      <p className="muted">
        A customer&apos;s message waiting for a first answer shows as <em>due soon</em> after the warning time and <em>late</em> after the breach time.
      </p>
      {policy.isPending && <p className="muted">Loading…</p>}
      {policy.isError && <Notice tone="error">Could not load the targets: {policy.error.message}</Notice>}
      {policy.data &&
        (isAdmin ? (
          <SlaForm stored={policy.data} />
        ) : (
          <>
            <dl className="facts-list">
              <dt>Due soon after</dt>
              <dd>{minutesInWords(policy.data.warningMinutes)}</dd>
              <dt>Late after</dt>
              <dd>{minutesInWords(policy.data.breachMinutes)}</dd>
            </dl>
            <p className="muted">Only admins can change the response targets.</p>
          </>
        ))}
    </div>
  );
}

function SlaForm({ stored }: { stored: SlaPolicy }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TargetDraft>({ warning: splitMinutes(stored.warningMinutes), breach: splitMinutes(stored.breachMinutes) });
  const [problems, setProblems] = useState<Partial<Record<"warning" | "breach", string>>>({});
  const save = useMutation({
    mutationFn: saveSla,
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.sla, saved);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.sla });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.queues });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  const set = (target: "warning" | "breach", part: "hours" | "minutes") => (value: string) => {
    save.reset();
    setDraft({ ...draft, [target]: { ...draft[target], [part]: value } });
  };
  const field = (target: "warning" | "breach", legend: string) => (
    <fieldset className="duration" aria-describedby={problems[target] ? `${target}-problem` : undefined}>
      <legend>{legend}</legend>
      <label>
        Hours
        <input type="number" inputMode="numeric" min={0} max={720} value={draft[target].hours} onChange={(e) => set(target, "hours")(e.target.value)} aria-invalid={Boolean(problems[target])} />
      </label>
      <label>
        Minutes
        <input type="number" inputMode="numeric" min={0} max={59} value={draft[target].minutes} onChange={(e) => set(target, "minutes")(e.target.value)} aria-invalid={Boolean(problems[target])} />
      </label>
      {problems[target] && (
        <p className="field-error" id={`${target}-problem`}>
          {problems[target]}
        </p>
      )}
    </fieldset>
  );

  return (
    <section className="settings-card" aria-label="Targets">
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const checked = targetProblems(draft);
          setProblems(checked.problems);
          if (!checked.policy) return;
          // The shared contract is what the API checks; the form's own checks above say it in words first.
          const parsed = slaPolicySchema.safeParse(checked.policy);
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        {field("warning", "Due soon after")}
        {field("breach", "Late after")}
        <p className="muted hint">Between 1 minute and 30 days; &quot;due soon&quot; must come before &quot;late&quot;.</p>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save targets
          </button>
        </div>
      </form>
      {save.isSuccess && (
        <Notice tone="success">
          Saved: due soon after {minutesInWords(save.data.warningMinutes)}, late after {minutesInWords(save.data.breachMinutes)}.
        </Notice>
      )}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
    </section>
  );
}
