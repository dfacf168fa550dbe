// The audit log: an append-only record of every state change made by staff (DESIGN.md "Audit
// event"), written in the same transaction as the change it records.
import type { Prisma } from "~/server/db/generated/client.ts";
import type { Tx } from "~/server/db/transact.server.ts";
import type { Services } from "~/server/services.server.ts";

export interface AuditInput {
  councilId: string;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** JSON has no bigint: money goes into audit data as a decimal string of pence. */
function jsonSafe(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? {}, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}

export async function audit(tx: Tx, deps: Pick<Services, "now">, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, data: jsonSafe(event.data), createdAt: deps.now() } });
}
