// ESLint flat config for the map's browser code (static/atlas) and the browser tests'
// probes (tests/js). `make test` runs it.
import js from "@eslint/js";
import globals from "globals";

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
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "after-used" }],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      strict: ["error", "function"],
      curly: "error",
    },
  },
  {
    // The Chromium tests' probes (tests/support/js.py): each file is one function that
    // Playwright calls in the page or the map's frame, so it is an expression, not a
    // script with "use strict".
    files: ["tests/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
      "no-unused-vars": ["error", { args: "after-used" }],
      "no-eval": "error",
      curly: "error",
    },
  },
];
