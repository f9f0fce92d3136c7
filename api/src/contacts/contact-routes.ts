import { Hono } from "hono";
import { contactErasureSchema } from "@surgedesk/shared";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/actor.ts";
import { ApiError } from "../errors/api-error.ts";
import { routeDoc } from "../openapi/route-doc.ts";
import { eraseContact } from "./erase-contact.ts";

export const contactRoutes = new Hono<AppEnv>().delete(
  "/:id",
  routeDoc({
    summary: "Erase a contact and their personal data: messages, dependent rows, raw deliveries (admins; audited without the text)",
    response: contactErasureSchema,
  }),
  async (c) => {
    const admin = requireRole(c, "admin");
    const erased = await eraseContact(c.get("services").db, { contactId: c.req.param("id"), workspaceId: admin.workspaceId, actorUserId: admin.userId });
    if (!erased) throw new ApiError("not_found", "No contact with that id in this workspace.");
    return c.json(erased, 200);
  },
);
