import { createFileRoute } from "@tanstack/react-router";
import { IngestPage } from "../../features/settings/ingest-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/ingest")({ component: IngestPage });
