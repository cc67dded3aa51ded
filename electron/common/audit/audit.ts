// The audit, end to end, as the CLI (`msa-wizard audit`) and the API (`audit.run`) both run it: ONE read-only script
// (script.ts), its answer checked (parse.ts), judged (judge.ts), what a discovery sweep found merged into each
// account's `usedBy`. Read-only: nothing in AD or on a host changes.
import type { PsScript } from '../powershell/script.js';
import type { DiscoveredUse } from './input.js';
import { judge } from './judge.js';
import { parseAuditAnswer } from './parse.js';
import { auditScript } from './script.js';
import { SEVERITIES, type AuditReport } from './types.js';

/** What the audit needs of the session: one script in, its output objects out. */
export interface AuditSession {
  run(script: PsScript, options: { readonly timeoutMs?: number }): Promise<unknown[]>;
}

export interface AuditInput {
  readonly usedBy?: readonly DiscoveredUse[];
}

/** A large domain's directory answers in seconds; a slow DC or a congested link gets minutes. */
const AUDIT_TIMEOUT_MS = 5 * 60_000;

const rank = (s: AuditReport['findings'][number]['severity']): number => SEVERITIES.indexOf(s);

/** Runs the audit: one round trip. */
export async function runAudit(session: AuditSession, input: AuditInput = {}): Promise<AuditReport> {
  const facts = parseAuditAnswer(await session.run(auditScript(), { timeoutMs: AUDIT_TIMEOUT_MS }));
  const judged = judge(facts, input.usedBy ?? []);
  // Worst first, then by kind and subject: the same domain gives the same order every run.
  const findings = [...judged.findings].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
  );
  return {
    domain: facts.context.dnsRoot,
    domainController: facts.context.domainController,
    generatedAt: facts.context.now,
    accounts: [...judged.accounts].sort((a, b) => a.type.localeCompare(b.type) || a.sam.localeCompare(b.sam)),
    findings,
    kdsKeys: judged.kdsKeys,
    dcs: judged.dcs,
    queries: facts.queries,
  };
}
