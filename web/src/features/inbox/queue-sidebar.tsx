import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { DEFAULT_QUEUE, type InboxSearch } from "./inbox-search.ts";
import { queueCountsQueryOptions } from "./message-queries.ts";
import { SavedViews } from "../views/saved-views.tsx";

/**
 * The saved queues with their sizes, and how many in each have missed the first-response target;
 * then the team's and the agent's own saved views.
 */
export function QueueSidebar({ search }: { search: InboxSearch }) {
  const { data } = useQuery(queueCountsQueryOptions);
  // A saved view that narrows a queue is shown as the view, not as the queue.
  const narrowed = Object.entries(search).some(([key, value]) => key !== "queue" && key !== "sort" && value !== undefined);
  const current = narrowed ? undefined : (search.queue ?? DEFAULT_QUEUE);
  return (
    <nav className="queues" aria-label="Queues">
      {data?.queues.map((queue) => (
        <Link
          key={queue.id}
          to="/inbox"
          search={{ queue: queue.id }}
          className={`queue${queue.id === current ? " active" : ""}`}
          title={queue.description}
          data-queue={queue.id}
        >
          <span className="queue-title">{queue.title}</span>
          <span className="queue-count">{queue.count.toLocaleString()}</span>
          {queue.slaBreached > 0 && (
            <span className="queue-breached" title="Past the first-response target">
              {queue.slaBreached.toLocaleString()} late
            </span>
          )}
          {queue.slaWarning > 0 && (
            <span className="queue-warning" title="Close to the first-response target">
              {queue.slaWarning.toLocaleString()} due soon
            </span>
          )}
        </Link>
      ))}
      <SavedViews search={search} />
    </nav>
  );
}
