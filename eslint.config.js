// Type-aware lint: the rules that catch real bugs here (floating promises, type-only
// imports, import cycles) plus the React hooks rules.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Modules never import components or routes; a route's server half lives beside its route. */
const modulesStayBelowTheUi = {
  target: "app/modules",
  from: ["app/components", "app/routes"],
  message: "Modules hold the domain: they never import components or routes. Move what both need into the module.",
};

/**
 * Sampling draws work and hands it to assignments; assignments never reach back into sampling,
 * so the two do not import each other (replacing a sampled item is sampling's own use case).
 */
const assignmentsBelowSampling = {
  target: "app/modules/assignments",
  from: "app/modules/sampling",
  message: "Sampling builds on assignments, not the other way round: move what assignments needs into assignments.",
};

/**
 * The transcript model and its importers are pure conversion: interactions import them, they
 * never reach back into interactions (or anything with I/O).
 */
const transcriptsBelowInteractions = {
  target: "app/modules/transcripts",
  from: "app/modules/interactions",
  message: "Transcripts are converted before an interaction exists: interactions build on transcripts, not the other way round.",
};

/** db/ and storage/ reach the database and the object store: only from `*.server.ts` files, never into a browser bundle. */
const serverOnly = {
  target: "app",
  from: ["db", "storage"],
  message: "db/ and storage/ are server-only: import them from a *.server.ts file.",
};

export default tseslint.config(
  {
    ignores: ["build/**", "public/build/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/types.generated.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "scripts/*/*.mjs", "scripts/*.mjs"] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "import-x": importX },
    // Without a TypeScript resolver and the TypeScript extensions import-x follows no import of
    // a .ts file, and no-cycle checks nothing (test/lint.test.ts holds it to finding one).
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
      "@typescript-eslint/only-throw-error": "off", // Remix routes throw Responses and redirects by design.
      "import-x/no-cycle": "error",
    },
  },
  // Layering inside app/ (docs/architecture.md): modules hold the domain and never reach up into
  // components or routes; the database and storage packages are server-only. Tests may call routes.
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.test.{ts,tsx}"],
    rules: { "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: [modulesStayBelowTheUi, assignmentsBelowSampling, transcriptsBelowInteractions] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    rules: { "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: [modulesStayBelowTheUi, assignmentsBelowSampling, transcriptsBelowInteractions, serverOnly] }] },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // Migrations take Kysely<any> on purpose: they must not depend on the app's types.
    files: ["migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
