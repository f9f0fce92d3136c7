import { createFileRoute } from "@tanstack/react-router";
import { z } from "zod";
import { auditEntityTypeSchema } from "@surgedesk/shared";
import { AdminOnly } from "../../features/settings/admin-only.tsx";
import { AuditPage } from "../../features/settings/audit-page.tsx";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Route = createFileRoute("/_signed-in/settings/audit")({
  // The filters live in the URL, so a filtered view can be linked to; unreadable ones are dropped.
  validateSearch: z.object({
    object: z.string().max(100).optional().catch(undefined),
    type: auditEntityTypeSchema.optional().catch(undefined),
    actor: z.string().max(100).optional().catch(undefined),
    action: z.string().max(64).optional().catch(undefined),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
  }),
  component: AuditRoute,
});

function AuditRoute() {
  const filters = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AdminOnly title="Audit log" what="read the audit log">
      {/* Keyed by the filters: back and forward show the form as the URL says. */}
      <AuditPage key={JSON.stringify(filters)} filters={filters} onFilter={(next) => void navigate({ search: next })} />
    </AdminOnly>
  );
}
