import { z } from "zod";

export const DB_DRIVERS = ["pglite", "postgres"] as const;
export const dbDriverSchema = z.enum(DB_DRIVERS);
export type DbDriver = z.infer<typeof dbDriverSchema>;
