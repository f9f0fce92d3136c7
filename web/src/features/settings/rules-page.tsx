import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ESCALATION_LEVELS, LABELS, LABEL_INFO, type ModerationRule, type RuleTestResult } from "@surgedesk/shared";
import { Badge } from "../../design/badge.tsx";
import { Button } from "../../design/button.tsx";
import { ConfirmButton } from "../../design/confirm-button.tsx";
import { Notice } from "../../design/notice.tsx";
import { Select } from "../../design/select.tsx";
import { assigneesQueryOptions } from "../inbox/message-queries.ts";
import { tagsQueryOptions } from "../tags/tag-queries.ts";
import { useIsAdmin } from "./admin-only.tsx";
import { createRule, deleteRule, reorderRules, rulesQueryOptions, testRule, updateRule } from "./rule-queries.ts";
import {
  EMPTY_DRAFT,
  FLAG_CONDITIONS,
  actionsInWords,
  conditionsInWords,
  conditionsOf,
  draftOf,
  draftProblems,
  ruleOfDraft,
  type RuleDraft,
} from "./rule-draft.ts";
import { settingsKeys } from "./settings-keys.ts";
import { Checkboxes } from "./checkboxes.tsx";

type Outcome = { tone: "success" | "error"; text: string } | null;

/**
 * Moderation rules: what happens to a message as it arrives (and when an agent relabels it), in
 * order. Everyone reads them, so an agent can see why a comment was hidden; admins change them.
 */
export function RulesPage() {
  const rules = useQuery(rulesQueryOptions);
  const isAdmin = useIsAdmin();
  const [adding, setAdding] = useState(false);
  return (
    <div className="settings-page">
      <h1>Moderation rules</h1>
      <p className="muted">
        Rules run in order on every new message, after it is classified, and again when an agent changes its label. A rule in <em>dry run</em> only writes what it
        would have done to the audit log; a <em>live</em> rule does it, and an agent can undo each action from the message.
      </p>
      {rules.isPending && <p className="muted">Loading rules…</p>}
      {rules.isError && <Notice tone="error">Could not load the rules: {rules.error.message}</Notice>}
      {rules.data && (rules.data.length === 0 ? <p className="empty-state">No rules yet.</p> : <RuleList rules={rules.data} isAdmin={isAdmin} />)}
      {isAdmin &&
        (adding ? (
          <section className="settings-card" aria-label="New rule">
            <h2>New rule</h2>
            <RuleForm onDone={() => setAdding(false)} />
          </section>
        ) : (
          <div className="actions">
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add a rule
            </Button>
          </div>
        ))}
      {!isAdmin && rules.data && <p className="muted">Only admins can change the rules.</p>}
    </div>
  );
}

function RuleList({ rules, isAdmin }: { rules: ModerationRule[]; isAdmin: boolean }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const move = useMutation({
    mutationFn: ({ ids }: { ids: string[]; focus: string }) => reorderRules(ids),
    onSuccess: (items, { focus }) => {
      queryClient.setQueryData(settingsKeys.rules, items);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
      focusAfterMove.current = focus;
      const moved = items.find((r) => r.id === focus.split("|")[0]);
      if (moved) setOutcome({ tone: "success", text: `“${moved.name}” is now rule ${moved.position + 1} of ${items.length}.` });
    },
    onError: (error: Error) => setOutcome({ tone: "error", text: error.message }),
  });
  // The focus stays on the button that moved the rule (or its twin once at an end), so the
  // keyboard can keep moving it: applied once the new order is drawn, with its buttons' states.
  const focusAfterMove = useRef<string | null>(null);
  useEffect(() => {
    const focus = focusAfterMove.current;
    if (!focus) return;
    focusAfterMove.current = null;
    const [id, direction] = focus.split("|");
    const same = document.getElementById(`move-${direction}-${id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${direction === "up" ? "down" : "up"}-${id}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [rules]);
  const moveBy = (index: number, by: -1 | 1) => {
    // One move at a time; the buttons stay enabled meanwhile so the keyboard focus never drops.
    if (move.isPending) return;
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    move.mutate({ ids, focus: `${id}|${by < 0 ? "up" : "down"}` });
  };
  return (
    <>
      <ol className="settings-list rule-list" aria-label="Rules, in the order they run">
        {rules.map((rule, index) => (
          <RuleRow
            key={rule.id}
            rule={rule}
            index={index}
            count={rules.length}
            isAdmin={isAdmin}
            moving={move.isPending}
            onMove={(by) => moveBy(index, by)}
          />
        ))}
      </ol>
      {outcome && <Notice tone={outcome.tone} focus={false}>{outcome.text}</Notice>}
    </>
  );
}

function RuleRow({
  rule,
  index,
  count,
  isAdmin,
  moving,
  onMove,
}: {
  rule: ModerationRule;
  index: number;
  count: number;
  isAdmin: boolean;
  moving: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  const queryClient = useQueryClient();
  const assignees = useQuery({ ...assigneesQueryOptions, enabled: rule.actions.some((a) => a.type === "assign") });
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const nameOf = (id: string) => assignees.data?.find((u) => u.id === id)?.name ?? "a teammate";
  const tags = useQuery({ ...tagsQueryOptions, enabled: rule.actions.some((a) => a.type === "tag") });
  const tagNameOf = (id: string) => tags.data?.find((t) => t.id === id)?.name ?? "a deleted tag";
  const changed = (text: string) => {
    setOutcome({ tone: "success", text });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.rules });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
  };
  const failed = (error: Error) => setOutcome({ tone: "error", text: error.message });
  const toggle = useMutation({
    mutationFn: (patch: { enabled?: boolean; mode?: "live" | "dry_run" }) => updateRule(rule.id, patch),
    onSuccess: (saved) => changed(`“${saved.name}” is ${saved.enabled ? "on" : "off"}, ${saved.mode === "live" ? "live" : "in dry run"}.`),
    onError: failed,
  });
  const remove = useMutation({ mutationFn: () => deleteRule(rule.id), onSuccess: () => changed(`“${rule.name}” was deleted.`), onError: failed });

  return (
    <li className={`settings-item${rule.enabled ? "" : " is-disabled"}`} aria-label={rule.name}>
      <div className="item-head">
        <span className="muted">{index + 1}.</span>
        <strong className="rule-name">{rule.name}</strong>
        <Badge tone={rule.mode === "live" ? "danger" : "info"}>{rule.mode === "live" ? "Live" : "Dry run"}</Badge>
        {!rule.enabled && <Badge>Off</Badge>}
        {rule.stopProcessing && <span className="muted hint">stops later rules</span>}
      </div>
      <dl className="facts-list">
        <dt>When</dt>
        <dd>{conditionsInWords(rule.conditions)}</dd>
        <dt>Then</dt>
        <dd>{actionsInWords(rule.actions, nameOf, tagNameOf)}</dd>
      </dl>
      {isAdmin && !editing && (
        <div className="item-actions">
          <Button size="sm" id={`move-up-${rule.id}`} aria-label={`Move up: “${rule.name}”`} disabled={index === 0} aria-busy={moving} onClick={() => onMove(-1)}>
            Move up
          </Button>
          <Button size="sm" id={`move-down-${rule.id}`} aria-label={`Move down: “${rule.name}”`} disabled={index === count - 1} aria-busy={moving} onClick={() => onMove(1)}>
            Move down
          </Button>
          <Button size="sm" aria-pressed={rule.enabled} disabled={toggle.isPending} onClick={() => toggle.mutate({ enabled: !rule.enabled })} aria-label={`${rule.enabled ? "Turn off" : "Turn on"}: “${rule.name}”`}>
            {rule.enabled ? "Turn off" : "Turn on"}
          </Button>
          <Button size="sm" disabled={toggle.isPending} onClick={() => toggle.mutate({ mode: rule.mode === "live" ? "dry_run" : "live" })} aria-label={`${rule.mode === "live" ? "Back to dry run:" : "Make live:"} “${rule.name}”`}>
            {rule.mode === "live" ? "Back to dry run" : "Make live"}
          </Button>
          <Button size="sm" onClick={() => setEditing(true)} aria-label={`Edit: “${rule.name}”`}>
            Edit
          </Button>
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete: “${rule.name}”`}
            question={`Delete the rule “${rule.name}”? What it already did stays done (and undoable from each message).`}
            confirmLabel="Delete rule"
            onConfirm={() => remove.mutate()}
            disabled={remove.isPending}
          />
        </div>
      )}
      {isAdmin && !editing && <RuleTester conditions={rule.conditions} label={`Test on recent messages: “${rule.name}”`} />}
      {editing && <RuleForm rule={rule} onDone={() => setEditing(false)} />}
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
    </li>
  );
}

/** "Would have matched 37 of the last 1,000 messages", with a few of them. */
function RuleTester({ conditions, label, disabled }: { conditions: ModerationRule["conditions"]; label: string; disabled?: boolean }) {
  const test = useMutation({ mutationFn: () => testRule({ conditions }) });
  return (
    <div className="rule-test">
      <Button size="sm" variant="quiet" onClick={() => test.mutate()} disabled={disabled || test.isPending} aria-label={label}>
        Test on recent messages
      </Button>
      {test.isSuccess && <TestOutcome result={test.data} />}
      {test.isError && <Notice tone="error">{test.error.message}</Notice>}
    </div>
  );
}

function TestOutcome({ result }: { result: RuleTestResult }) {
  return (
    <div className="rule-test-result" role="status">
      <p>
        Would have matched <strong>{result.matched.toLocaleString("en")}</strong> of the last {result.examined.toLocaleString("en")} messages.
      </p>
      {result.examples.length > 0 && (
        <ul className="rule-examples" aria-label="Examples it would match">
          {result.examples.map((example) => (
            <li key={example.id} className="wrap">
              <span className="muted">{example.authorHandle ? `@${example.authorHandle}` : "someone"}:</span> {example.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const LABEL_OPTIONS = LABELS.map((label) => [label, LABEL_INFO[label].title] as const);
const LEVEL_OPTIONS = ESCALATION_LEVELS.map((level) => [level, level[0]!.toUpperCase() + level.slice(1)] as const);

/** Create or edit one rule: its conditions (all must hold), its actions, and how it runs. */
function RuleForm({ rule, onDone }: { rule?: ModerationRule; onDone: () => void }) {
  const queryClient = useQueryClient();
  const assignees = useQuery(assigneesQueryOptions);
  const tags = useQuery(tagsQueryOptions);
  const [draft, setDraft] = useState<RuleDraft>(rule ? draftOf(rule) : EMPTY_DRAFT);
  const [problems, setProblems] = useState<string[]>([]);
  const set = <K extends keyof RuleDraft>(key: K) => (value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => (rule ? updateRule(rule.id, ruleOfDraft(draft)) : createRule(ruleOfDraft(draft))),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.rules });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
      onDone();
    },
  });
  const id = rule?.id ?? "new";
  const hasConditions = Object.keys(conditionsOf(draft)).length > 0;
  return (
    <form
      className="stacked-form rule-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = draftProblems(draft);
        setProblems(found);
        if (found.length === 0) save.mutate();
      }}
    >
      <label>
        Name
        <input value={draft.name} maxLength={120} onChange={(e) => set("name")(e.target.value)} required />
      </label>
      <h3 className="form-section">When a message (all that are chosen)</h3>
      <Checkboxes legend="Case type is" options={LABEL_OPTIONS} chosen={draft.labels} onChange={set("labels")} />
      <label>
        Model at least this sure of it (%)
        <input type="number" inputMode="numeric" min={0} max={100} value={draft.minConfidence} onChange={(e) => set("minConfidence")(e.target.value)} />
      </label>
      <Checkboxes legend="Escalation risk is" options={LEVEL_OPTIONS} chosen={draft.escalationLevels} onChange={set("escalationLevels")} />
      <label>
        Says any of these words or phrases (one a line; case and accents ignored, whole words only)
        <textarea rows={3} value={draft.keywords} onChange={(e) => set("keywords")(e.target.value)} id={`keywords-${id}`} />
      </label>
      <Checkboxes legend="And" options={FLAG_CONDITIONS} chosen={draft.flags} onChange={set("flags")} />
      <Checkboxes legend="Platform" options={[["instagram", "Instagram"], ["tiktok", "TikTok"]] as const} chosen={draft.platforms} onChange={set("platforms")} />
      <Checkboxes legend="Kind" options={[["comment", "Comments"], ["dm", "DMs"]] as const} chosen={draft.kinds} onChange={set("kinds")} />
      <RuleTester conditions={conditionsOf(draft)} label="Test on recent messages: these conditions" disabled={!hasConditions} />

      <h3 className="form-section">Then</h3>
      <fieldset className="check-group">
        <legend>Actions</legend>
        <label className="check">
          <input type="checkbox" checked={draft.hide} onChange={(e) => set("hide")(e.target.checked)} /> Hide the comment on the platform (and resolve it)
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.resolve} onChange={(e) => set("resolve")(e.target.checked)} /> Resolve
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.notify} onChange={(e) => set("notify")(e.target.checked)} /> Notify open consoles
        </label>
      </fieldset>
      {draft.notify && (
        <label>
          Notice text (optional)
          <input value={draft.note} maxLength={200} onChange={(e) => set("note")(e.target.value)} />
        </label>
      )}
      <Select
        label="Assign to"
        value={draft.assignTo}
        onValueChange={set("assignTo")}
        placeholder="Nobody"
        options={(assignees.data ?? []).map((u) => [u.id, u.name] as const)}
      />
      <label className="check">
        <input type="checkbox" checked={draft.roundRobin} onChange={(e) => set("roundRobin")(e.target.checked)} /> Or assign round robin: to the online team member with the fewest open items
      </label>
      {draft.roundRobin && (
        <Checkboxes
          legend="Team (none chosen: every agent and admin)"
          options={(assignees.data ?? []).map((u) => [u.id, u.name] as const)}
          chosen={draft.team}
          onChange={set("team")}
        />
      )}
      <Select
        label="Set priority"
        value={draft.priority}
        onValueChange={(v) => set("priority")(ESCALATION_LEVELS.find((level) => level === v) ?? "")}
        placeholder="Leave as it is"
        options={LEVEL_OPTIONS}
      />
      <Select label="Tag with" value={draft.tagWith} onValueChange={set("tagWith")} placeholder="No tag" options={(tags.data ?? []).map((t) => [t.id, t.name] as const)} />
      <Select label="Mode" value={draft.mode} onValueChange={(v) => set("mode")(v === "live" ? "live" : "dry_run")} options={[["dry_run", "Dry run: only log what it would do"], ["live", "Live: do it"]]} />
      <label className="check">
        <input type="checkbox" checked={draft.stopProcessing} onChange={(e) => set("stopProcessing")(e.target.checked)} /> When it matches, skip the rules after it
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set("enabled")(e.target.checked)} /> On
      </label>
      {problems.length > 0 && (
        <div role="alert">
          <ul className="field-error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {save.isError && <Notice tone="error">{save.error.message}</Notice>}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {rule ? "Save rule" : "Add rule"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
