// The child process of ballots-crash.ts (not run on its own): opens the database named by
// DATABASE_URL as `npm start` does, then casts one ballot for every voter in the fixture file,
// `--clients` at a time, starting at voter `--start` and wrapping round. It prints one line per
// event to stdout the moment it happens — stdout to a pipe is written synchronously on Linux, so
// a line printed before a SIGKILL reaches the parent:
//   ready <ms to open the database>
//   cast <voter> <reference> <status> <revision>     a confirmation: castBallot returned it
//   refused <voter> <reason>
//   error <voter> <message>
//   done
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { withServices } from "../../app/cli/start.ts";
import { inProcessCaster, type Voter, type VotingScene } from "./ballot-kit.ts";

export interface CrashFixture {
  scenes: Record<string, VotingScene>;
  /** Each voter votes in one scene, always for the option at `option`. */
  voters: { scene: string; voter: Voter; option: number }[];
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { clients: { type: "string", default: "20" }, start: { type: "string", default: "0" } },
});
const fixture = JSON.parse(readFileSync(positionals[0]!, "utf8")) as CrashFixture;
const CLIENTS = Number(args.clients);
const START = Number(args.start);

const say = (line: string) => process.stdout.write(`${line}\n`);
const opened = performance.now();

await withServices(async (services) => {
  // A query, so "ready" means the database answered, not only that the client was created.
  await services.prisma.$queryRaw`SELECT 1`;
  say(`ready ${Math.round(performance.now() - opened)}`);
  const cast = inProcessCaster(services);
  const total = fixture.voters.length;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) {
        const { scene, voter, option } = fixture.voters[(START + next++) % total]!;
        const theScene = fixture.scenes[scene]!;
        try {
          const out = await cast({ scene: theScene, voter, choices: theScene.options[option]! });
          say(out.ok ? `cast ${voter.label} ${out.reference} ${out.status} ${out.revision}` : `refused ${voter.label} ${out.reason}`);
        } catch (error) {
          say(`error ${voter.label} ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
        }
      }
    }),
  );
});
say("done");
