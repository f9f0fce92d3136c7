import { loadBayesClassifier, type NaturalBayesClassifier } from "./natural-parts.ts";

/**
 * natural's stock `BayesClassifier` with default settings (Porter stemmer, stop words removed,
 * smoothing 1): the baseline the bars are stated against. Used by the eval and bench scripts
 * only; the product classifier never loads it.
 */
export function trainStockBayes(rows: readonly { text: string; label: string }[]): NaturalBayesClassifier {
  const BayesClassifier = loadBayesClassifier();
  const classifier = new BayesClassifier();
  for (const row of rows) classifier.addDocument(row.text, row.label);
  classifier.train();
  return classifier;
}
