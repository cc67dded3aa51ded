// Which account types the domain allows, in the health check's own words: the 'domain-levels' check says it in its
// finding ("Allows: sMSA yes; gMSA no (needs schema version 56, Windows Server 2012); …"), and the
// 'domain-controllers' check warns when no DC can run the KDS.
import type { CheckResult, HealthReport } from '../api/contract';
import type { AccountType } from '../store/planForm';

export interface TypeSupport {
  /** null: not known yet (the health check has not answered). */
  readonly allowed: boolean | null;
  /** Why not, from the check, for the disabled option. */
  readonly reason: string;
}

const TYPE_WORD: Record<AccountType, string> = { smsa: 'sMSA', gmsa: 'gMSA' };

function fromLevels(check: CheckResult | undefined, type: AccountType): TypeSupport | null {
  if (check === undefined) return null;
  const m = new RegExp(`\\b${TYPE_WORD[type]} (yes|no(?: \\(([^)]*)\\))?)`).exec(check.found);
  if (m === null) return null;
  if (m[1] === 'yes') return { allowed: true, reason: '' };
  return {
    allowed: false,
    reason: `Not available in this domain: ${m[2] ?? 'the levels do not allow it'}. ${check.found}`,
  };
}

export function accountTypeSupport(report: HealthReport | null): Record<AccountType, TypeSupport> {
  const byId = (id: string) => report?.results.find((r) => r.id === id);
  const levels = byId('domain-levels');
  const dcs = byId('domain-controllers');
  const unknown: TypeSupport = { allowed: null, reason: '' };
  const smsa = fromLevels(levels, 'smsa') ?? unknown;
  let gmsa = fromLevels(levels, 'gmsa') ?? unknown;
  if (gmsa.allowed !== false && dcs !== undefined && /gMSA is unavailable/.test(dcs.found)) {
    gmsa = { allowed: false, reason: `Not available in this domain: ${dcs.found}` };
  }
  return { smsa, gmsa };
}

/** The KDS root key check, when the health check has run. */
export const kdsCheck = (report: HealthReport | null): CheckResult | null =>
  report?.results.find((r) => r.id === 'kds-root-key') ?? null;
