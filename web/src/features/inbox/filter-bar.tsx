import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { ESCALATION_LEVELS, LABELS, LABEL_INFO, MESSAGE_KINDS, MESSAGE_STATUSES, PLATFORMS, QUEUE_SORTS, postKindName, type Platform, type PostSummary } from "@surgedesk/shared";
import { PLATFORM_NAMES, STATUS_NAMES } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";
import { assigneesQueryOptions } from "./message-queries.ts";
import { tagsQueryOptions } from "../tags/tag-queries.ts";
import { sortOf } from "./sort-key.ts";
import { Select } from "../../design/select.tsx";

const ESCALATION_NAMES = { high: "High risk", medium: "Medium risk", low: "Low risk" } as const;

const SORT_NAMES = { priority: "Most urgent, oldest first", newest: "Newest first", oldest: "Oldest first" } as const;

/** A date input's value (local day) as the start of that day in UTC ISO form, and back. */
const dayToIso = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const isoToDay = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString("en-CA") : "");

/** The post a post's queue is filtered to, with the platform its messages are on. */
export interface FilteredPost {
  post: PostSummary;
  platform: Platform;
}

type FilterKey = "platform" | "kind" | "label" | "tag" | "escalation" | "status" | "assignee" | "sla" | "sort";

/**
 * Narrows the queue: search, platform, type, case, tag, risk, status, assignee, SLA, dates, order.
 * One line until asked for more: the search and a "Filters" button; the fields open below it,
 * each select as wide as its longest option, and every active filter stays in sight as a chip
 * that removes it. A post's queue (opened from the Spikes page or a message's post) is named by
 * the post's caption, from `post`: no sidebar queue is highlighted then, so the chip says where
 * the agent is.
 */
export function FilterBar({ search, post }: { search: InboxSearch; post?: FilteredPost | null }) {
  const navigate = useNavigate({ from: "/inbox" });
  const set = (patch: Partial<InboxSearch>) => void navigate({ to: "/inbox", search: { ...search, ...patch } });
  const { data: assignees } = useQuery(assigneesQueryOptions);
  const { data: tags } = useQuery(tagsQueryOptions);
  const [expanded, setExpanded] = useState(false);

  const fields: { key: FilterKey; label: string; options: [string, string][]; placeholder: string }[] = [
    { key: "platform", label: "Platform", options: PLATFORMS.map((p) => [p, PLATFORM_NAMES[p]]), placeholder: "All platforms" },
    { key: "kind", label: "Type", options: MESSAGE_KINDS.map((k) => [k, k === "dm" ? "DMs" : "Comments"]), placeholder: "Comments and DMs" },
    { key: "label", label: "Case type", options: LABELS.map((l) => [l, LABEL_INFO[l].title]), placeholder: "All case types" },
    { key: "tag", label: "Tag", options: (tags ?? []).map((t): [string, string] => [t.id, t.name]), placeholder: "Any tag" },
    { key: "escalation", label: "Escalation", options: ESCALATION_LEVELS.map((l) => [l, ESCALATION_NAMES[l]]), placeholder: "Any risk" },
    { key: "status", label: "Status", options: MESSAGE_STATUSES.map((s) => [s, STATUS_NAMES[s]]), placeholder: "Any status" },
    {
      key: "assignee",
      label: "Assignee",
      options: [["me", "Me"], ["none", "Unassigned"], ...(assignees ?? []).map((a): [string, string] => [a.id, a.name])],
      placeholder: "Anyone",
    },
    { key: "sla", label: "SLA", options: [["warning", "Due soon"], ["breached", "Late"]], placeholder: "Any SLA state" },
    {
      key: "sort",
      label: "Order",
      options: QUEUE_SORTS.map((s) => [s, SORT_NAMES[s]]),
      placeholder: `Queue default (${SORT_NAMES[sortOf({ ...search, sort: undefined })].toLowerCase()})`,
    },
  ];
  const chips: { key: string; text: string; clear: Partial<InboxSearch> }[] = [
    ...fields.flatMap((field) => {
      const value = search[field.key];
      if (!value) return [];
      const name = field.options.find(([v]) => v === value)?.[1] ?? (field.key === "tag" ? "a tag" : "someone");
      return [{ key: field.key, text: `${field.label}: ${name}`, clear: { [field.key]: undefined } }];
    }),
    ...(search.from ? [{ key: "from", text: `From ${new Date(search.from).toLocaleDateString()}`, clear: { from: undefined } }] : []),
    ...(search.to ? [{ key: "to", text: `To ${new Date(search.to).toLocaleDateString()}`, clear: { to: undefined } }] : []),
    ...(search.postId ? [{ key: "post", text: `Post: ${post ? postTitle(post) : "this post"}`, clear: { postId: undefined } }] : []),
    ...(search.campaignId ? [{ key: "campaign", text: "This campaign", clear: { campaignId: undefined } }] : []),
  ];
  const active = chips.filter((chip) => chip.key !== "post" && chip.key !== "campaign").length;

  return (
    <div className="filters" role="toolbar" aria-label="Filters">
      <div className="filters-line">
        {/* Keyed by the URL's search, so going back or following a link shows what is searched. */}
        <SearchBox key={search.q ?? ""} initial={search.q ?? ""} onSearch={(q) => set({ q })} />
        <button className="filters-toggle" aria-expanded={expanded} aria-controls="filter-fields" onClick={() => setExpanded(!expanded)}>
          {active > 0 ? `Filters (${active})` : "Filters"}
        </button>
      </div>
      <div className={`filter-fields${expanded ? " open" : ""}`} id="filter-fields" hidden={!expanded}>
        {fields.map((field) => (
          <Select
            key={field.key}
            label={field.label}
            value={search[field.key] ?? ""}
            placeholder={field.placeholder}
            options={field.options}
            onValueChange={(value) => set({ [field.key]: value || undefined })}
          />
        ))}
        <label className="field field-stacked">
          <span className="field-label">From</span>
          <input type="date" value={isoToDay(search.from)} onChange={(e) => set({ from: dayToIso(e.target.value) })} />
        </label>
        <label className="field field-stacked">
          <span className="field-label">To</span>
          <input type="date" value={isoToDay(search.to)} onChange={(e) => set({ to: dayToIso(e.target.value) })} />
        </label>
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.key}>
              <button className="chip" aria-label={`Remove filter ${chip.text}`} title={chip.text} onClick={() => set(chip.clear)}>
                <span className="chip-text">{chip.text}</span> <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A post as its chip names it, as the Spikes page does: its caption on one line (the chip cuts it
 * to its width), else "Untitled Instagram reel".
 */
function postTitle({ post, platform }: FilteredPost): string {
  return post.caption?.replace(/\s+/g, " ").trim() || `Untitled ${postKindName(platform, post.productType)}`;
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
