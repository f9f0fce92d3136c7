/**
 * pnpm nlp:reclassify — re-runs the current model (api/models) over every stored customer
 * message, on the database the server uses (DATABASE_URL, or PGlite in DATA_DIR). Agents'
 * corrected labels are kept.
 *
 * pnpm nlp:corrections > corrections.jsonl — agents' corrections, ready for
 * `pnpm nlp:train --corrections corrections.jsonl`.
 */
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { exportCorrections, reclassifyMessages } from "../src/messages/reclassify-messages.ts";

const command = process.argv[2];
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
if (command === "corrections") {
  process.stdout.write(await exportCorrections(database.db));
} else {
  const classifier = loadClassifier();
  const started = performance.now();
  const result = await reclassifyMessages(database.db, classifier);
  console.log(
    `model ${classifier.modelVersion}: ${result.examined} messages examined, ${result.relabelled} relabelled, ` +
      `${result.keptAgentLabels} agent labels kept, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
await database.close();
