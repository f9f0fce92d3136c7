import { readBaseTrainingRows } from "../nlp/base-training-rows.ts";
import { fitModel } from "../nlp/fit-model.ts";
import { CHOSEN_RECIPE } from "../nlp/recipe.ts";
import { WORKSPACE_CORRECTIONS_SOURCE } from "../nlp/training-data.ts";
import type { FitReply, FitRequest } from "./fit-in-child.ts";

/**
 * The retrain's fit, in a child process of its own: fitting is seconds of CPU in one
 * synchronous stretch, which would stall the server's requests and ingestion if it ran on
 * their thread. Reads the shipped base rows, adds the corrections, fits the shipped recipe,
 * and answers with the artifact's JSON.
 */
const send = (reply: FitReply) => new Promise<void>((resolve) => process.send!(reply, () => resolve()));

process.once("message", (request: FitRequest) => {
  void (async () => {
    try {
      const rows = [...readBaseTrainingRows(), ...request.corrections.map((c) => ({ ...c, source: WORKSPACE_CORRECTIONS_SOURCE }))];
      await send({ type: "progress", fraction: 0.05 });
      const pending: Promise<void>[] = [];
      const { artifact } = fitModel(rows, {
        recipe: CHOSEN_RECIPE,
        dataSha256: request.dataSha256,
        corrections: request.corrections.length,
        progress: (fraction) => pending.push(send({ type: "progress", fraction: 0.05 + 0.9 * fraction })),
      });
      await Promise.all(pending);
      await send({ type: "done", artifact: JSON.stringify(artifact), rows: rows.length });
    } catch (error) {
      await send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    }
    process.exit(0);
  })();
});
