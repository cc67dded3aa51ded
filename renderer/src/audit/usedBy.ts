// Where the managed accounts are used, from the last Find what runs as users sweep (this screen's session): each job
// that runs as a gMSA or sMSA, with the account, handed to audit.run, which merges it into the inventory's "Used by"
// beside what the audit itself reads on this computer.
import type { ApiInput, DiscoveryReport } from '../api/contract';
import { jobName } from '../discover/words';

type DiscoveredUses = NonNullable<ApiInput<'audit.run'>['usedBy']>;

export function discoveredUses(report: DiscoveryReport | null): DiscoveredUses {
  if (report === null) return [];
  return report.findings
    .filter((f) => f.accountKind === 'managed')
    .map((f) => ({
      account: f.account,
      host: f.use.host,
      kind: f.use.kind,
      name: jobName(f),
      source: 'discovery' as const,
    }));
}
