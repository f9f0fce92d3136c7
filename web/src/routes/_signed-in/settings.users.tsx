import { createFileRoute } from "@tanstack/react-router";
import { AdminOnly } from "../../features/settings/admin-only.tsx";
import { UsersPage } from "../../features/settings/users-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/users")({
  component: () => (
    <AdminOnly title="Users and roles" what="manage users and roles">
      <UsersPage />
    </AdminOnly>
  ),
});
