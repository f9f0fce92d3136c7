import { createFileRoute } from "@tanstack/react-router";
import { OrderSettingsPage } from "../../features/settings/order-settings-page.tsx";

export const Route = createFileRoute("/_signed-in/settings/orders")({ component: OrderSettingsPage });
