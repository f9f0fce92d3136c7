/**
 * pnpm nlp:reclassify — re-runs the current models over every stored customer message, on the
 * database the server uses (DATABASE_URL, or PGlite in DATA_DIR): each workspace's own model
 * where it has one, the shipped model (api/models) elsewhere. Agents' corrected labels are kept.
 *
 * pnpm nlp:corrections > corrections.jsonl — agents' corrections, ready for
 * `pnpm nlp:train --corrections corrections.jsonl`.
 */
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { workspaces } from "../src/db/schema/index.ts";
import { createWorkspaceClassifiers } from "../src/model-training/workspace-classifiers.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { exportCorrections, reclassifyMessages } from "../src/messages/reclassify-messages.ts";

const command = process.argv[2];
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
if (command === "corrections") {
  process.stdout.write(await exportCorrections(database.db));
} else {
  const classifiers = createWorkspaceClassifiers(database.db, loadClassifier());
  await classifiers.refresh();
  for (const { id, name } of await database.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces)) {
    const classifier = classifiers.forWorkspace(id);
    const started = performance.now();
    const result = await reclassifyMessages(database.db, classifier, { workspaceId: id });
    console.log(
      `${name}, model ${classifier.modelVersion}: ${result.examined} messages examined, ${result.relabelled} relabelled, ` +
        `${result.keptAgentLabels} agent labels kept, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
await database.close();
