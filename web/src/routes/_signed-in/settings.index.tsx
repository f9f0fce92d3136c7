import { Link, createFileRoute } from "@tanstack/react-router";
import { useIsAdmin } from "../../features/settings/admin-only.tsx";
import { SETTINGS_SECTIONS } from "../../features/settings/settings-sections.ts";

export const Route = createFileRoute("/_signed-in/settings/")({ component: SettingsIndex });

function SettingsIndex() {
  const isAdmin = useIsAdmin();
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      {!isAdmin && <p className="muted">Users, API tokens and the audit log are for admins; here is what you can see.</p>}
      <ul className="settings-index">
        {SETTINGS_SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => (
          <li key={section.to}>
            <Link to={section.to}>{section.title}</Link>
            <p className="muted">{section.blurb}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
