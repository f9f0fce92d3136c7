import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ESCALATION_LEVELS,
  LABELS,
  LABEL_INFO,
  PLATFORMS,
  WEEKDAYS,
  businessCalendarSchema,
  slaPolicySetSchema,
  type BusinessCalendar,
  type SlaMatch,
  type SlaPolicySet,
} from "@surgedesk/shared";
import { inboxKeys } from "../inbox/message-queries.ts";
import { useIsAdmin } from "./admin-only.tsx";
import { Checkboxes } from "./checkboxes.tsx";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { saveSlaCalendar, saveSlaPolicies, slaCalendarQueryOptions, slaPoliciesQueryOptions } from "./sla-queries.ts";
import { splitMinutes, targetProblems, type TargetDraft } from "./sla-targets.ts";

const LEVEL_OPTIONS = ESCALATION_LEVELS.map((level) => [level, level[0]!.toUpperCase() + level.slice(1)] as const);
const KIND_OPTIONS = [["comment", "Public comment"], ["dm", "DM"]] as const;
const PLATFORM_OPTIONS = PLATFORMS.map((platform) => [platform, platform === "tiktok" ? "TikTok" : "Instagram"] as const);
const LABEL_OPTIONS = LABELS.map((label) => [label, LABEL_INFO[label].title] as const);

/** SLA policies (which messages get which first-response targets) and the business calendar. */
export function SlaPage() {
  const policies = useQuery(slaPoliciesQueryOptions);
  const calendar = useQuery(slaCalendarQueryOptions);
  const isAdmin = useIsAdmin();
  return (
    <div className="settings-page">
      <h1>Response targets</h1>
      <p className="muted">
        A customer&apos;s message waiting for a first answer shows as <em>due soon</em> after its policy&apos;s warning time and <em>late</em> after its
        breach time. Policies are tried in order and the first that fits a message sets its timer; the default covers the rest. Snoozing a
        message stops its clock.
      </p>
      {!isAdmin && <Notice tone="warning">Only admins can change the SLA policies and business hours; you can read them here.</Notice>}
      {(policies.isPending || calendar.isPending) && <p className="muted">Loading…</p>}
      {policies.isError && <Notice tone="error">Could not load the policies: {policies.error.message}</Notice>}
      {calendar.isError && <Notice tone="error">Could not load the business hours: {calendar.error.message}</Notice>}
      {policies.data && <PoliciesForm stored={policies.data} readOnly={!isAdmin} />}
      {calendar.data && <CalendarForm stored={calendar.data} readOnly={!isAdmin} />}
    </div>
  );
}

interface PolicyDraft {
  id: string;
  name: string;
  match: SlaMatch;
  /** null: no SLA. */
  targets: TargetDraft | null;
  businessHoursOnly: boolean;
}

const draftTargets = (targets: { warningMinutes: number; breachMinutes: number } | null): TargetDraft | null =>
  targets && { warning: splitMinutes(targets.warningMinutes), breach: splitMinutes(targets.breachMinutes) };

function PoliciesForm({ stored, readOnly }: { stored: SlaPolicySet; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<PolicyDraft[]>(() => stored.policies.map((p) => ({ ...p, targets: draftTargets(p.targets) })));
  const [fallback, setFallback] = useState<Omit<PolicyDraft, "id" | "name" | "match">>({ targets: draftTargets(stored.default.targets), businessHoursOnly: stored.default.businessHoursOnly });
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: saveSlaPolicies,
    onSuccess: (saved) => {
      queryClient.setQueryData(slaPoliciesQueryOptions.queryKey, saved);
      // Waiting messages' deadlines moved: the lists and the sidebar's counts are read again.
      void queryClient.invalidateQueries({ queryKey: ["messages"] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.queues });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  const update = (index: number, next: Partial<PolicyDraft>) => {
    save.reset();
    setDrafts((all) => all.map((draft, i) => (i === index ? { ...draft, ...next } : draft)));
  };
  const move = (index: number, by: -1 | 1) => {
    save.reset();
    setDrafts((all) => {
      const next = [...all];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  };

  const submit = () => {
    const found: string[] = [];
    const targetsOf = (name: string, draft: TargetDraft | null) => {
      if (!draft) return null;
      const checked = targetProblems(draft);
      for (const problem of Object.values(checked.problems)) found.push(`${name}: ${problem}`);
      return checked.targets;
    };
    const set = {
      policies: drafts.map((d) => ({ id: d.id, name: d.name, match: d.match, targets: targetsOf(d.name || "A policy", d.targets), businessHoursOnly: d.businessHoursOnly })),
      default: { targets: targetsOf("Default", fallback.targets), businessHoursOnly: fallback.businessHoursOnly },
      platformEscalationMinutes: stored.platformEscalationMinutes,
    };
    // The shared contract is what the API checks; the per-field checks above say it in words first.
    const parsed = slaPolicySetSchema.safeParse(set);
    if (!parsed.success && found.length === 0) found.push(...parsed.error.issues.map((issue) => `${issue.path.join(" › ")}: ${issue.message}`));
    setProblems(found);
    if (parsed.success && found.length === 0) save.mutate(parsed.data);
  };

  return (
    <section className="settings-card" aria-label="SLA policies">
      <h2>Policies</h2>
      <form
        className="stacked-form rule-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset disabled={readOnly} className="sla-policies">
          <ol className="sla-policy-list">
            {drafts.map((draft, index) => (
              <li key={draft.id} className="settings-card">
                <label>
                  Name
                  <input value={draft.name} maxLength={80} onChange={(e) => update(index, { name: e.target.value })} />
                </label>
                <Checkboxes legend="Escalation" options={LEVEL_OPTIONS} chosen={draft.match.escalationLevels ?? []} onChange={(v) => update(index, { match: { ...draft.match, escalationLevels: v } })} />
                <Checkboxes legend="Channel" options={KIND_OPTIONS} chosen={draft.match.kinds ?? []} onChange={(v) => update(index, { match: { ...draft.match, kinds: v } })} />
                <Checkboxes legend="Platform" options={PLATFORM_OPTIONS} chosen={draft.match.platforms ?? []} onChange={(v) => update(index, { match: { ...draft.match, platforms: v } })} />
                <Checkboxes legend="Case type" options={LABEL_OPTIONS} chosen={draft.match.labels ?? []} onChange={(v) => update(index, { match: { ...draft.match, labels: v } })} />
                <p className="muted hint">A group left empty fits any message.</p>
                <TermsFields terms={draft} onChange={(next) => update(index, next)} idPrefix={`policy-${draft.id}`} />
                <div className="actions">
                  <button type="button" className="btn" disabled={index === 0} onClick={() => move(index, -1)}>
                    Move up
                  </button>
                  <button type="button" className="btn" disabled={index === drafts.length - 1} onClick={() => move(index, 1)}>
                    Move down
                  </button>
                  <button type="button" className="btn" onClick={() => setDrafts((all) => all.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </div>
              </li>
            ))}
            <li className="settings-card">
              <strong>Default</strong> <span className="muted">— every message no policy above fits</span>
              <TermsFields terms={fallback} onChange={(next) => setFallback((f) => ({ ...f, ...next }))} idPrefix="policy-default" />
            </li>
          </ol>
          <div className="actions">
            <button
              type="button"
              className="btn"
              onClick={() =>
                setDrafts((all) => [
                  ...all,
                  { id: `policy-${Date.now().toString(36)}`, name: "New policy", match: {}, targets: draftTargets({ warningMinutes: 720, breachMinutes: 1440 }), businessHoursOnly: false },
                ])
              }
            >
              Add a policy
            </button>
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              Save policies
            </button>
          </div>
        </fieldset>
      </form>
      {problems.length > 0 && (
        <Notice tone="error">
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      )}
      {save.isSuccess && <Notice tone="success">Saved. Messages waiting for an answer now follow these policies.</Notice>}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
    </section>
  );
}

/** A policy's timer: none, or due-soon and late times, counted around the clock or in business hours. */
function TermsFields({ terms, onChange, idPrefix }: { terms: Pick<PolicyDraft, "targets" | "businessHoursOnly">; onChange: (next: Partial<PolicyDraft>) => void; idPrefix: string }) {
  const duration = (which: "warning" | "breach", legend: string) => {
    const targets = terms.targets!;
    return (
      <fieldset className="duration">
        <legend>{legend}</legend>
        {(["hours", "minutes"] as const).map((part) => (
          <label key={part}>
            {part === "hours" ? "Hours" : "Minutes"}
            <input
              id={`${idPrefix}-${which}-${part}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={part === "hours" ? 720 : 59}
              value={targets[which][part]}
              onChange={(e) => onChange({ targets: { ...targets, [which]: { ...targets[which], [part]: e.target.value } } })}
            />
          </label>
        ))}
      </fieldset>
    );
  };
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={terms.targets === null}
          onChange={(e) => onChange({ targets: e.target.checked ? null : draftTargets({ warningMinutes: 720, breachMinutes: 1440 }) })}
        />
        No SLA (no timer)
      </label>
      {terms.targets && (
        <>
          {duration("warning", "Due soon after")}
          {duration("breach", "Late after")}
          <label className="check">
            <input type="checkbox" checked={terms.businessHoursOnly} onChange={(e) => onChange({ businessHoursOnly: e.target.checked })} />
            Count business hours only
          </label>
        </>
      )}
    </>
  );
}

function CalendarForm({ stored, readOnly }: { stored: BusinessCalendar; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<BusinessCalendar>(stored);
  const [holiday, setHoliday] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: saveSlaCalendar,
    onSuccess: (saved) => {
      queryClient.setQueryData(slaCalendarQueryOptions.queryKey, saved);
      // Waiting messages' deadlines moved: the lists and the sidebar's counts are read again.
      void queryClient.invalidateQueries({ queryKey: ["messages"] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.queues });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
  });
  const setDay = (day: number, intervals: BusinessCalendar["week"][number]) => {
    save.reset();
    setDraft((d) => ({ ...d, week: d.week.map((old, i) => (i === day ? intervals : old)) }));
  };
  return (
    <section className="settings-card" aria-label="Business hours">
      <h2>Business hours and holidays</h2>
      <p className="muted hint">Policies that count business hours only stop their clock outside these hours and on holidays.</p>
      <form
        className="stacked-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = businessCalendarSchema.safeParse(draft);
          setProblems(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message));
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        <fieldset disabled={readOnly} className="sla-calendar">
          <label>
            Time zone (IANA name, e.g. Europe/Madrid)
            <input value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
          </label>
          {WEEKDAYS.map((name, day) => {
            const interval = draft.week[day]![0];
            return (
              <fieldset key={name} className="duration">
                <legend>{name}</legend>
                <label className="check">
                  <input type="checkbox" checked={!interval} onChange={(e) => setDay(day, e.target.checked ? [] : [{ start: "09:00", end: "18:00" }])} />
                  Closed
                </label>
                {interval && (
                  <>
                    <label>
                      Opens
                      <input type="time" value={interval.start} onChange={(e) => setDay(day, [{ ...interval, start: e.target.value }, ...draft.week[day]!.slice(1)])} />
                    </label>
                    <label>
                      Closes
                      <input
                        type="time"
                        value={interval.end === "24:00" ? "23:59" : interval.end}
                        onChange={(e) => setDay(day, [{ ...interval, end: e.target.value }, ...draft.week[day]!.slice(1)])}
                      />
                    </label>
                  </>
                )}
              </fieldset>
            );
          })}
          <fieldset className="check-group">
            <legend>Holidays</legend>
            {draft.holidays.map((date) => (
              <span key={date} className="chip">
                {date}{" "}
                <button type="button" className="btn" aria-label={`Remove holiday ${date}`} onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((d) => d !== date) })}>
                  ×
                </button>
              </span>
            ))}
            <label>
              Add a date
              <input type="date" value={holiday} onChange={(e) => setHoliday(e.target.value)} />
            </label>
            <button
              type="button"
              className="btn"
              disabled={!holiday || draft.holidays.includes(holiday)}
              onClick={() => {
                setDraft({ ...draft, holidays: [...draft.holidays, holiday].sort() });
                setHoliday("");
              }}
            >
              Add holiday
            </button>
          </fieldset>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              Save business hours
            </button>
          </div>
        </fieldset>
      </form>
      {problems.length > 0 && <Notice tone="error">{problems.join(" ")}</Notice>}
      {save.isSuccess && <Notice tone="success">Saved.</Notice>}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
    </section>
  );
}
