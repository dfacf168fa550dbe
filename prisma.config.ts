// Prisma's CLI is used only for `prisma generate`; migrations run through `npm run db:*`
// (app/cli/db.ts), which work with the npm registry alone.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
