import { Link, Outlet, createFileRoute } from "@tanstack/react-router";
import { useIsAdmin } from "../../features/settings/admin-only.tsx";
import { SETTINGS_SECTIONS } from "../../features/settings/settings-sections.ts";
import "../../features/settings/settings.css";

export const Route = createFileRoute("/_signed-in/settings")({ component: SettingsLayout });

/** The settings area: a menu of sections (admin ones for admins only) beside the open section. */
function SettingsLayout() {
  const isAdmin = useIsAdmin();
  return (
    <div className="settings">
      <nav className="settings-menu" aria-label="Settings sections">
        <Link to="/settings" className="settings-home" activeOptions={{ exact: true }} activeProps={{ className: "active" }}>
          Settings
        </Link>
        <ul>
          {SETTINGS_SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => (
            <li key={section.to}>
              <Link to={section.to} activeProps={{ className: "active" }}>
                {section.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {/* Scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <div className="settings-content" tabIndex={0}>
        <Outlet />
      </div>
    </div>
  );
}
