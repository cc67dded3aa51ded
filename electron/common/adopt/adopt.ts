// `discover.adopt` and `msa-wizard adopt`: discovery over the computers asked (../discover/discover.ts), the old
// account's rights on its workloads' files (acl-read.ts: one more script), then the answers (build-answers.ts).
// Read-only: nothing changes until the admin runs the plan.
import { discover, type DiscoverSession } from '../discover/discover.js';
import type { DiscoveryReport } from '../discover/types.js';
import { aclReadScript, decodeAcls } from './acl-read.js';
import {
  buildAnswers,
  candidatePaths,
  selectFindings,
  type AdoptResult,
  type AdoptSelection,
} from './build-answers.js';

export interface AdoptRequest extends AdoptSelection {
  /** Where to look (discovery's scope); none: this computer only. */
  readonly computers?: readonly string[];
}

const ACL_TIMEOUT_MS = 2 * 60_000;

/** Runs discovery (or takes its report), reads the file rights, and builds the answers. */
export async function adopt(
  session: DiscoverSession,
  request: AdoptRequest,
  report?: DiscoveryReport,
): Promise<AdoptResult & { report: DiscoveryReport }> {
  const computers = [...(request.computers ?? []), ...(request.computer === undefined ? [] : [request.computer])];
  const found =
    report ?? (await discover(session, computers.length === 0 ? {} : { computers: [...new Set(computers)] }));
  const { findings } = selectFindings(found, request);
  const paths = new Map<string, string[]>();
  for (const f of findings) {
    const list = paths.get(f.use.host) ?? [];
    for (const p of candidatePaths(f.use)) if (!list.some((x) => x.toLowerCase() === p.toLowerCase())) list.push(p);
    paths.set(f.use.host, list);
  }
  const acls = [...paths.values()].some((l) => l.length > 0)
    ? decodeAcls(await session.run(aclReadScript(paths), { timeoutMs: ACL_TIMEOUT_MS }))
    : [];
  return { ...buildAnswers(found, request, acls), report: found };
}
