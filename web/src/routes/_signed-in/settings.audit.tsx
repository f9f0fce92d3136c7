import { createFileRoute } from "@tanstack/react-router";
import { z } from "zod";
import { AdminOnly } from "../../features/settings/admin-only.tsx";
import { AuditPage } from "../../features/settings/audit-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/audit")({
  // `?object=` narrows the log to one object, so a filtered view can be linked to.
  validateSearch: z.object({ object: z.string().max(100).optional().catch(undefined) }),
  component: AuditRoute,
});

function AuditRoute() {
  const { object } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AdminOnly title="Audit log" what="read the audit log">
      <AuditPage entityId={object ?? ""} onFilter={(id) => void navigate({ search: id ? { object: id } : {} })} />
    </AdminOnly>
  );
}
