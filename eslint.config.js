// Lint rules that hold the layers of DESIGN.md in place. The one that matters most:
// app/domain stays pure (no React, router, Prisma, node:* or server imports), so its rules
// run in the browser and on the server and are tested without a database.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", ".react-router/", "app/server/db/generated/", "node_modules/", "data/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(react|react-dom)(/.*)?$", message: "app/domain is pure: no React." },
            { regex: "^(react-router|@react-router/.*)$", message: "app/domain is pure: no router." },
            { regex: "^(@prisma/.*|prisma)(/.*)?$", message: "app/domain is pure: no Prisma." },
            { regex: "^node:", message: "app/domain is pure: no node:* modules; pass what you need in." },
            { regex: "^(~/server|.*/server)(/.*)?$", message: "app/domain must not import app/server." },
            { regex: "\\.server(\\.ts)?$", message: "app/domain must not import server modules." },
          ],
        },
      ],
    },
  },
);
