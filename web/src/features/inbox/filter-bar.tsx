import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { ESCALATION_LEVELS, LABELS, LABEL_INFO, MESSAGE_KINDS, MESSAGE_STATUSES, PLATFORMS, QUEUE_SORTS } from "@surgedesk/shared";
import { PLATFORM_NAMES } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";
import { assigneesQueryOptions } from "./message-queries.ts";
import { sortOf } from "./sort-key.ts";

const ESCALATION_NAMES = { high: "High risk", medium: "Medium risk", low: "Low risk" } as const;
const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const SORT_NAMES = { priority: "Most urgent, oldest first", newest: "Newest first", oldest: "Oldest first" } as const;

/** A date input's value (local day) as the start of that day in UTC ISO form, and back. */
const dayToIso = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const isoToDay = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString("en-CA") : "");

/** Narrows the queue: search, platform, type, case, risk, status, assignee, SLA, dates, order. */
export function FilterBar({ search }: { search: InboxSearch }) {
  const navigate = useNavigate({ from: "/inbox" });
  const set = (patch: Partial<InboxSearch>) => void navigate({ to: "/inbox", search: { ...search, ...patch } });
  const { data: assignees } = useQuery(assigneesQueryOptions);
  // On a phone the fields fold away behind one button; on a wider screen they are always shown.
  const [expanded, setExpanded] = useState(false);
  const active = [search.platform, search.kind, search.label, search.escalation, search.status, search.assignee, search.sla, search.from, search.to, search.sort].filter(Boolean).length;

  return (
    <div className="filters" role="toolbar" aria-label="Filters">
      {/* Keyed by the URL's search, so going back or following a link shows what is searched. */}
      <SearchBox key={search.q ?? ""} initial={search.q ?? ""} onSearch={(q) => set({ q })} />
      <button className="filters-toggle" aria-expanded={expanded} aria-controls="filter-fields" onClick={() => setExpanded(!expanded)}>
        {active > 0 ? `Filters (${active})` : "Filters"}
      </button>
      <div className={`filter-fields${expanded ? " open" : ""}`} id="filter-fields">
      <Select label="Platform" value={search.platform} options={PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]])} onChange={(platform) => set({ platform })} />
      <Select label="Type" value={search.kind} options={MESSAGE_KINDS.map((k) => [k, k === "dm" ? "DMs" : "Comments"])} onChange={(kind) => set({ kind })} />
      <Select label="Case type" value={search.label} options={LABELS.map((l) => [l, LABEL_INFO[l].title])} onChange={(label) => set({ label })} />
      <Select label="Escalation" value={search.escalation} options={ESCALATION_LEVELS.map((l) => [l, ESCALATION_NAMES[l]])} onChange={(escalation) => set({ escalation })} />
      <Select label="Status" value={search.status} options={MESSAGE_STATUSES.map((s) => [s, capitalized(s)])} onChange={(status) => set({ status })} />
      <Select
        label="Assignee"
        value={search.assignee}
        options={[["me", "Me"], ["none", "Unassigned"], ...(assignees ?? []).map((a): [string, string] => [a.id, a.name])]}
        onChange={(assignee) => set({ assignee })}
      />
      <Select label="SLA" value={search.sla} options={[["warning", "Due soon"], ["breached", "Late"]]} onChange={(sla) => set({ sla })} />
      <label>
        From
        <input type="date" value={isoToDay(search.from)} onChange={(e) => set({ from: dayToIso(e.target.value) })} />
      </label>
      <label>
        To
        <input type="date" value={isoToDay(search.to)} onChange={(e) => set({ to: dayToIso(e.target.value) })} />
      </label>
      <Select
        label="Order"
        value={search.sort}
        placeholder={`Queue default (${SORT_NAMES[sortOf({ ...search, sort: undefined })].toLowerCase()})`}
        options={QUEUE_SORTS.map((s) => [s, SORT_NAMES[s]])}
        onChange={(sort) => set({ sort })}
      />
      </div>
      {(search.postId || search.campaignId) && (
        <button className="chip" onClick={() => set({ postId: undefined, campaignId: undefined })}>
          {search.postId ? "This post" : "This campaign"} ✕
        </button>
      )}
    </div>
  );
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  placeholder = "All",
}: {
  label: string;
  value: T | undefined;
  options: [T, string][];
  onChange: (value: T | undefined) => void;
  placeholder?: string;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ""} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}>
        <option value="">{placeholder}</option>
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `/` focuses it; Enter searches (PostgreSQL full-text, every word as a prefix); Esc leaves it. */
function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim() || undefined);
        (document.activeElement as HTMLElement | null)?.blur();
      }}
    >
      <input
        id="inbox-search"
        type="search"
        placeholder="Search text or author  ( / )"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") (e.target as HTMLInputElement).blur();
        }}
        aria-label="Search"
      />
    </form>
  );
}
