/** A training example after analysis: its feature set and its class index. */
export interface Example {
  features: readonly string[];
  label: number;
  /** How much this example counts in the loss (source balancing, agents' corrections); 1 when absent. */
  weight?: number;
}

/** The weights a trainer produces, before calibration. */
export interface TrainedWeights {
  bias: Float64Array;
  weights: Map<string, Float64Array>;
}

/** Features seen in at least `minCount` examples; rarer ones are noise the model would memorize. */
export function vocabulary(examples: readonly Example[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const example of examples) for (const f of example.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [feature, count] of counts) if (count >= minCount) index.set(feature, index.size);
  return index;
}
