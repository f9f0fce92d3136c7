import { createFileRoute } from "@tanstack/react-router";
import { RulesPage } from "../../features/settings/rules-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/rules")({ component: RulesPage });
