// ESLint flat config for the map's browser code (static/atlas) and the browser tests'
// probes (tests/js, benchmarks/js). `make test` runs it.
import js from "@eslint/js";
import globals from "globals";

// Rules for all of it; the map's own files add theirs below.
const shared = {
  "no-var": "error",
  "prefer-const": "error",
  eqeqeq: "error",
  "no-unused-vars": ["error", { args: "after-used" }],
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  curly: "error",
};

export default [
  js.configs.recommended,
  {
    files: ["static/atlas/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly" },
    },
    rules: {
      ...shared,
      "no-implicit-globals": "error",
      strict: ["error", "function"],
    },
  },
  {
    // The Chromium tests' and the benchmarks' probes (tests/support/js.py): each file is
    // one function that Playwright calls in the page or the map's frame (or, for
    // action_clock.js, a script run in every document), so not a "use strict" script.
    files: ["tests/js/**/*.js", "benchmarks/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // Leaflet's L in the map's frame.
      globals: { ...globals.browser, L: "readonly" },
    },
    rules: shared,
  },
];
