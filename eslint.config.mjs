// ESLint flat config for the map's browser code (static/atlas). `make test` runs it.
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
];
