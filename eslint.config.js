import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.data/**", "web/src/routeTree.gen.ts", "test/artifacts/**", "api/src/db/migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Configuration is read once, validated, in api/src/config.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through api/src/config.ts." },
      ],
    },
  },
  {
    files: ["api/src/config.ts", "scripts/**", "test/**", "**/*.test.ts", "**/drizzle.config.ts", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
