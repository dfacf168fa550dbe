// Commonweal's command line: `npm run cli -- <command> …`. Run without arguments for help.
export {};
const commands: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  start: {
    help: "migrate, seed the demo if empty, and serve",
    run: async () => {
      // React and React Router pick their production builds from NODE_ENV when first loaded;
      // the server always runs them (APP_ENV, not NODE_ENV, says whether this is production).
      process.env.NODE_ENV ??= "production";
      await (await import("./start.ts")).start();
    },
  },
  "db migrate": { help: "apply pending migrations", run: async () => (await import("./db.ts")).migrate() },
  "db prepare": {
    help: "apply pending migrations and seed the demo council on an empty database",
    run: async () => (await import("./start.ts")).prepare(),
  },
  "db new": { help: "write a migration from schema changes: db new <name>", run: async (a) => (await import("./db.ts")).newMigration(a[0]) },
  "import-places": {
    help: "load a council's areas, postcodes, deprivation and boundaries (all or nothing)",
    run: async (a) => (await import("./import-places.ts")).importPlacesCommand(a),
  },
  tally: {
    help: "recount a pabulib .pb file: tally FILE.pb --rule greedy|equal-shares … [--json]",
    run: async (a) => (await import("./tally.ts")).tally(a),
  },
  "db check": { help: "fail when schema and migrations drift", run: async () => (await import("./db.ts")).check() },
};

async function main(argv: string[]) {
  for (const [name, command] of Object.entries(commands)) {
    const words = name.split(" ");
    if (words.every((w, i) => argv[i] === w)) {
      await command.run(argv.slice(words.length));
      return;
    }
  }
  console.log("Usage: npm run cli -- <command>\n");
  for (const [name, command] of Object.entries(commands)) console.log(`  ${name.padEnd(22)} ${command.help}`);
  if (argv.length) process.exitCode = 2;
}

await main(process.argv.slice(2));
