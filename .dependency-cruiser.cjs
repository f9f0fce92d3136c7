/**
 * The boundaries between Surgedesk's parts, checked by `pnpm lint` (see docs/architecture.md).
 * Tests may reach across (they exercise the whole product); product code may not.
 */
const TESTS = "\\.test\\.tsx?$";
/** Everything the API has that is not a feature: the contract and what it is written in. */
const CORE = "^api/src/(lib/|db/|errors/|config\\.ts$|connectors/)";

module.exports = {
  forbidden: [
    {
      name: "platform-imports-contract-and-lib-only",
      comment:
        "A platform folder is one connector: it imports the contract (api/src/connectors/) and api/src/lib/ only, never a feature, another platform or the database.",
      severity: "error",
      from: { path: "^api/src/platforms/([^/]+)/", pathNot: TESTS },
      to: { path: "^api/src/", pathNot: ["^api/src/(lib|connectors)/", "^api/src/platforms/$1/"] },
    },
    {
      name: "contract-imports-no-feature",
      comment: "The connector contract is written in core types only; the registry alone lists the platforms.",
      severity: "error",
      from: { path: "^api/src/connectors/", pathNot: TESTS },
      to: { path: "^api/src/", pathNot: [CORE, "^api/src/platforms/"] },
    },
    {
      name: "only-the-registry-names-platforms",
      comment: "Features reach platforms through the connector registry, never a platform folder directly.",
      severity: "error",
      from: { path: "^api/src/", pathNot: [TESTS, "^api/src/(platforms|connectors)/"] },
      to: { path: "^api/src/platforms/" },
    },
    {
      name: "product-never-loads-the-test-rig",
      comment: "The devkit (emulators, simulator, demo seeding, test helpers) is for tests, scripts and demo mode: product code reaches it only through the one dynamic import in api/src/demo-mode.ts.",
      severity: "error",
      from: { path: "^api/src/", pathNot: TESTS },
      to: { path: "^devkit/", dependencyTypesNot: ["dynamic-import"] },
    },
    {
      name: "product-needs-no-emulator-tooling",
      comment: "msw and tsx are development dependencies, absent from a production install: emulators live in the devkit, and only demo mode loads tsx, on demand.",
      severity: "error",
      from: { path: "^api/src/", pathNot: TESTS },
      to: { path: "(^|/)node_modules/(msw|tsx)/", dependencyTypesNot: ["dynamic-import", "type-only"] },
    },
    {
      name: "console-uses-only-the-api-type",
      comment: "The console talks to the API over HTTP; it may import the API's route types (type-only), nothing else of it.",
      severity: "error",
      from: { path: "^web/src/" },
      to: { path: "^api/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "shared-imports-nothing-of-ours",
      comment: "shared/ is the contract between API and console: it depends on zod only.",
      severity: "error",
      from: { path: "^shared/src/" },
      to: { path: "^(api|web|devkit|test)/" },
    },
    {
      name: "no-circular-in-the-api",
      comment: "Dependencies run one way: platform → ingest → nlp → store → routes.",
      severity: "error",
      from: { path: "^api/src/", pathNot: TESTS },
      // A cycle made only of type imports vanishes at runtime (AppEnv ↔ Actor); a real one does not.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules stays in the graph (not followed) so that what a module imports from a package is seen.
    exclude: { path: ["dist", "routeTree\\.gen\\.ts$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js"] },
  },
};
