import { createFileRoute } from "@tanstack/react-router";
import { AccountsPage } from "../../features/settings/accounts-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/accounts")({ component: AccountsPage });
