// What the directory says of an account, as the rows of its facts table: the password (last set, when it expires or
// that it never does), the last logon, the groups (privileged ones marked: they are never copied), the SPNs and any
// delegation. Dates are shown in the admin's local time.
import type { AccountFacts } from '../api/contract';
import type { Fact } from '../components/FactsTable';
import { formatStamp } from '../health/time';

const when = (iso: string | null, none: string): string => (iso === null ? none : formatStamp(new Date(iso)));

function state(facts: AccountFacts): string {
  const words: string[] = [];
  if (facts.enabled === false) words.push('disabled');
  if (facts.lockedOut === true) words.push('locked out');
  if (facts.passwordExpired === true) words.push('password expired');
  return words.length === 0 ? 'Enabled' : words.join(', ');
}

function password(facts: AccountFacts): string {
  const set = `set ${when(facts.passwordLastSet, 'never')}`;
  if (facts.passwordNeverExpires === true) return `${set}; never expires (a standing secret)`;
  return `${set}; ${facts.passwordExpired === true ? 'expired' : 'expires'} ${when(facts.passwordExpires, 'at an unknown time')}`;
}

function delegation(facts: AccountFacts): string | null {
  const d = facts.delegation;
  const parts: string[] = [];
  if (d.unconstrained) parts.push('unconstrained (never copied)');
  if (d.allowedToDelegateTo.length > 0) {
    parts.push(`constrained to ${d.allowedToDelegateTo.join(', ')}${d.protocolTransition ? ' (any protocol)' : ''}`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}

export function accountFacts(facts: AccountFacts): Fact[] {
  const rows: Fact[] = [
    ['State', state(facts)],
    ['Password', password(facts)],
    ['Last logon', when(facts.lastLogonDate, 'never')],
    [
      'Groups',
      facts.groups.length === 0
        ? '(none)'
        : facts.groups.map((g) => (g.privileged === null ? g.name : `${g.name} (privileged)`)).join(', '),
    ],
    ['SPNs', facts.spns.length === 0 ? '(none)' : facts.spns.join('\n')],
  ];
  const d = delegation(facts);
  if (d !== null) rows.push(['Delegation', d]);
  return rows;
}
