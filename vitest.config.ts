// Unit and integration tests. Integration tests (*.server.test.ts and CLI tests) run on the
// embedded PGlite; when TEST_DATABASE_URL names a PostgreSQL database they run there as well,
// as a second project, so one `npm test` proves both.
import path from "node:path";
import { defineConfig } from "vitest/config";

const postgresUrl = process.env.TEST_DATABASE_URL;
const alias = { "~": path.resolve(import.meta.dirname, "app") };
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores: a couple of test files at a time.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { ...shared, name: "pglite", include: ["app/**/*.test.ts", "app/**/*.test.tsx"], env: { TEST_DATABASE_URL: "" } },
      },
      ...(postgresUrl
        ? [
            {
              resolve: { alias },
              test: {
                ...shared,
                name: "postgres",
                include: ["app/**/*.server.test.ts", "app/cli/**/*.test.ts"],
                env: { TEST_DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});
