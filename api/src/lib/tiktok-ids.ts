import { z } from "zod";
import { IMPLAUSIBLE_TIME_MESSAGE, isPlausibleTime } from "./plausible-time.ts";

/**
 * Shared by the TikTok (API for Business) and TikTok Shop connectors: both speak TikTok's id and time formats.
 *
 * TikTok ids are 64-bit numbers sent as strings; tolerate small numbers from hand-written
 * tools. (A 19-digit id sent as a JSON number has already lost precision when parsed.)
 */
export const tiktokId = z
  .union([z.string().min(1).max(256), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform(String);

/**
 * A point in time as TikTok sends it: seconds (comments, envelopes) or milliseconds (DM
 * content), as a number or a numeric string. Bounded, so every accepted value is a valid Date,
 * and plausible: not before 2010 nor more than a day ahead.
 */
export const tiktokEpoch = z
  .union([z.number(), z.string().regex(/^\d{1,14}$/).transform(Number)])
  .pipe(z.number().nonnegative().max(1e14))
  .transform((value) => new Date(value > 1e11 ? value : value * 1000))
  .refine((at) => isPlausibleTime(at), IMPLAUSIBLE_TIME_MESSAGE);
