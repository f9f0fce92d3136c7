import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { readCorpus, readPublicEval } from "../src/nlp/corpus.ts";
import { createClassifier } from "../src/nlp/classifier.ts";
import { fitModel } from "../src/nlp/fit-model.ts";
import { evaluateOnRows, leaveOneSourceOut } from "../src/nlp/leave-one-source-out.ts";
import { RECIPES } from "../src/nlp/recipe.ts";
import { corpusTrainingRows, readRealRows, realTrainingRows } from "../src/nlp/training-data.ts";
import { DEFAULT_CORPUS, DEFAULT_PUBLIC_EVAL, DEFAULT_TRAIN_REAL, fail, fromCaller, num, table } from "./nlp-cli.ts";

/**
 * pnpm nlp:search [--recipe NAME]… [--source NAME]… [--public]
 *
 * The offline model choice: every recipe of recipe.ts (or the named ones) is scored by
 * leave-one-source-out over train-real.csv — mean macro-F1 over held-out sources, the figure
 * the choice is made on. `--source` limits the held-out sources (a quick look: the mean is then
 * over those only). `--public` also prints public-eval (for information; never chosen on).
 * Slow on purpose (one fit per source per recipe); the online retrain only refits the winner.
 */

const { values } = parseArgs({
  options: {
    recipe: { type: "string", multiple: true },
    source: { type: "string", multiple: true },
    corpus: { type: "string", default: DEFAULT_CORPUS },
    real: { type: "string", default: DEFAULT_TRAIN_REAL },
    public: { type: "boolean", default: false },
  },
});

const realPath = fromCaller(values.real);
if (!existsSync(realPath)) fail(`no real training text at ${realPath}`);
const base = corpusTrainingRows(readCorpus(fromCaller(values.corpus)));
const real = readRealRows(realPath);
const recipes = values.recipe === undefined ? RECIPES : RECIPES.filter((r) => values.recipe!.includes(r.name));
if (recipes.length === 0) fail(`no recipe named ${values.recipe!.join(", ")}; see api/src/nlp/recipe.ts`);

const summary: (string | number)[][] = [];
for (const recipe of recipes) {
  console.log(`\n${recipe.name}`);
  const started = performance.now();
  const result = leaveOneSourceOut(base, real, recipe, { log: (line) => console.log(line), ...(values.source && { only: values.source }) });
  let publicF1 = "";
  if (values.public && existsSync(DEFAULT_PUBLIC_EVAL)) {
    const rows = [...base, ...(recipe.realText ? realTrainingRows(real, { licensedOnly: true }) : [])];
    const classifier = createClassifier(fitModel(rows, { recipe, dataSha256: "search", corrections: 0 }).artifact);
    publicF1 = num(evaluateOnRows(classifier, readPublicEval(DEFAULT_PUBLIC_EVAL)).evaluation.macroF1);
  }
  console.log(`  mean ${num(result.meanMacroF1)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  summary.push([recipe.name, num(result.meanMacroF1), publicF1]);
}
console.log(`\n${table(["recipe", "leave-one-source-out mean macro-F1", "public-eval (info)"], summary)}`);
