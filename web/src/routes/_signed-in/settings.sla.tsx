import { createFileRoute } from "@tanstack/react-router";
import { SlaPage } from "../../features/settings/sla-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/sla")({ component: SlaPage });
