import js from "@eslint/js";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/migrations/**", "test-results/**", "playwright-report/**", "bench/out/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle, "react-hooks": reactHooks },
    rules: {
      // An update or delete without where on a db or transaction handle would hit every row RLS lets through.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read configuration from server/env.ts." },
      ],
      // The raw drizzle handle runs as whoever the connection logs in as. Tenant data goes through
      // withTenant / withAuthRole, owner work through the named helpers, all in server/db.
      "no-restricted-properties": [
        "error",
        { property: "db", message: "Use the helpers in server/db (withTenant, withAuthRole, withOwnerTransaction, …), not database.db." },
      ],
    },
  },
  {
    // server/db implements those helpers; tests probe the database beneath them (no tenant set, the catalog).
    files: ["server/db/**", "tests/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Entry points and test tooling configure the environment themselves.
    files: ["server/env.ts", "scripts/**", "tests/**", "e2e/**", "bench/**", "*.config.*", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
