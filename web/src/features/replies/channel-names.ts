import type { MacroChannel, MacroLanguage } from "@surgedesk/shared";

/** Where a macro's text goes, as agents say it. */
export const CHANNEL_NAMES: Record<MacroChannel, string> = { public: "Public reply", private: "Private (DM)", internal: "Internal note" };

/** A macro's language by name. */
export const LANGUAGE_NAMES: Record<MacroLanguage, string> = { en: "English", es: "Spanish" };
