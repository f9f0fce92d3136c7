import { z } from "zod";

/** `DELETE /api/contacts/:id`: what was erased, as counts only. */
export const contactErasureSchema = z
  .object({
    erased: z.literal(true),
    /** The contact's messages (comments and DMs, both ways) and the rows that depended on them. */
    messages: z.number().int(),
    /** Raw deliveries that carried those messages. */
    rawEvents: z.number().int(),
  })
  .meta({ id: "ContactErasure" });
export type ContactErasure = z.infer<typeof contactErasureSchema>;
