import fc from "fast-check";

/**
 * Property tests draw from one fixed seed, so a run is repeatable and CI cannot fail on a draw
 * nobody can replay. Set FAST_CHECK_SEED to explore other draws (`FAST_CHECK_SEED=$RANDOM pnpm test`);
 * a failure prints the seed and path that reproduce it.
 */
const given = process.env.FAST_CHECK_SEED;
const seed = Number(given ?? 20261123);
if (!Number.isSafeInteger(seed)) throw new Error(`FAST_CHECK_SEED must be an integer, not "${given}"`);
fc.configureGlobal({ seed });
