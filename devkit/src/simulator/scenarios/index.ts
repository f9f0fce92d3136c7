import type { Scenario } from "./scenario.ts";
import { quietDay } from "./quiet-day.ts";
import { viralTikTok } from "./viral-tiktok.ts";
import { scamWave } from "./scam-wave.ts";
import { overlappingCampaigns } from "./overlapping-campaigns.ts";
import { stepSurge } from "./step-surge.ts";
import { shareSurge } from "./share-surge.ts";

/** Every scenario `pnpm simulate <name>` and `pnpm eval:spikes` can play, by name. */
export const SCENARIOS: Record<string, () => Scenario> = {
  "quiet-day": quietDay,
  "viral-tiktok": viralTikTok,
  "scam-wave": scamWave,
  "overlapping-campaigns": overlappingCampaigns,
  "step-surge": stepSurge,
  "share-surge": shareSurge,
};

export function scenarioByName(name: string): Scenario {
  const make = SCENARIOS[name];
  if (!make) throw new Error(`unknown scenario "${name}"; one of: ${Object.keys(SCENARIOS).join(", ")}`);
  return make();
}
