// The audit screen's pure parts: severities counted and worded, the summary line, the findings filtered by severity
// and words and sorted three ways, the inventory's cells in words and its column sort, and the discovery sweep's uses
// of managed accounts handed to audit.run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterFindings, sortFindings, toggleSeverity } from '../../renderer/src/audit/findings';
import {
  encryptionWords,
  inventoryRow,
  inventorySortWords,
  lastLogonWords,
  nextInventorySort,
  passwordWords,
  sortInventory,
} from '../../renderer/src/audit/inventory';
import { countsInWords, severityCounts, subjectWords, summaryLine } from '../../renderer/src/audit/severity';
import { discoveredUses } from '../../renderer/src/audit/usedBy';
import type { DiscoveryReport } from '../../renderer/src/api/contract';
import { NOW, REPORT } from './audit-fixture';

const ids = (list: readonly { id: string }[]) => list.map((f) => f.id);
const account = (sam: string) => {
  const a = REPORT.accounts.find((x) => x.sam === sam);
  assert.ok(a, sam);
  return a;
};

describe('severities', () => {
  it('counts each and says them in words, worst first, only those found', () => {
    assert.deepEqual(severityCounts(REPORT.findings), { critical: 2, high: 1, medium: 1, low: 0, info: 1 });
    assert.equal(countsInWords(REPORT.findings), '2 critical, 1 high, 1 medium and 1 for information');
    assert.equal(countsInWords([]), 'No findings');
    assert.equal(countsInWords(REPORT.findings.slice(0, 1)), '1 medium');
  });

  it('summary: the counts, the accounts read, the domain, the DC and when', () => {
    assert.match(
      summaryLine(REPORT, NOW),
      /^2 critical, 1 high, 1 medium and 1 for information\. Read 3 managed accounts of contoso\.com from DC01, today \d{1,2}:\d{2} [AP]M\.$/,
    );
  });
});

describe('findings: filter and sort', () => {
  it('shows every severity when none is picked; toggles keep the worst-first order', () => {
    assert.equal(filterFindings(REPORT.findings, { severities: [], text: '' }).length, 5);
    assert.deepEqual(toggleSeverity(['medium'], 'critical'), ['critical', 'medium']);
    assert.deepEqual(toggleSeverity(['critical', 'medium'], 'critical'), ['medium']);
    assert.deepEqual(ids(filterFindings(REPORT.findings, { severities: ['critical'], text: '' })), [
      'bad-successor:OU=Apps,DC=contoso,DC=com',
      'retriever-broad:gmsa-web$',
    ]);
  });

  it('finds every word, case-insensitive, in the title, the subject (name or DN) or the kind', () => {
    assert.deepEqual(ids(filterFindings(REPORT.findings, { severities: [], text: ' ou=APPS ' })), [
      'bad-successor:OU=Apps,DC=contoso,DC=com',
    ]);
    assert.deepEqual(ids(filterFindings(REPORT.findings, { severities: [], text: 'gmsa-web domain' })), [
      'retriever-broad:gmsa-web$',
    ]);
    assert.deepEqual(ids(filterFindings(REPORT.findings, { severities: ['high'], text: 'rc4' })), []);
  });

  it('sorts by severity (then subject), by subject, by kind', () => {
    assert.deepEqual(ids(sortFindings(REPORT.findings, 'severity')), [
      'bad-successor:OU=Apps,DC=contoso,DC=com',
      'retriever-broad:gmsa-web$',
      'should-be-managed:svc-legacy',
      'rc4-only:smsa-sql$',
      'dc-update:DC01',
    ]);
    assert.deepEqual(
      sortFindings(REPORT.findings, 'subject').map((f) => f.subject.name),
      ['Apps', 'DC01', 'gmsa-web$', 'smsa-sql$', 'svc-legacy'],
    );
    assert.deepEqual(
      sortFindings(REPORT.findings, 'kind').map((f) => f.kind),
      ['bad-successor', 'dc-update', 'rc4-only', 'retriever-broad', 'should-be-managed'],
    );
    assert.equal(REPORT.findings[0]?.kind, 'rc4-only', 'the report itself is left as it was');
  });
});

describe('inventory', () => {
  it('password age against the interval; missed changes said', () => {
    assert.match(
      passwordWords(account('gmsa-web$'), NOW),
      /, 95 days ago \(every 30 days\): not changed for 3 intervals$/,
    );
    assert.match(passwordWords(account('smsa-sql$'), NOW), /, 10 days ago \(every 30 days\)$/);
    assert.equal(passwordWords(account('dmsa-app$'), NOW), 'never set');
  });

  it('last logon: unused for 90 days said; never', () => {
    assert.match(lastLogonWords(account('gmsa-web$'), NOW), /: unused for 100 days$/);
    assert.equal(lastLogonWords(account('smsa-sql$'), NOW), 'never');
    assert.match(lastLogonWords(account('dmsa-app$'), NOW), /^yesterday /);
  });

  it('encryption, retrievers with their group path, linked host, used by', () => {
    assert.equal(encryptionWords(['RC4']), 'RC4 only');
    assert.equal(encryptionWords([]), "not set (the domain controller's default)");
    const web = inventoryRow(account('gmsa-web$'), NOW);
    assert.equal(web.retrievers, 'CONTOSO\\WEB01$ (through Web Servers); CONTOSO\\Domain Users');
    assert.equal(web.usedBy, 'application pool WebApp on WEB01');
    assert.equal(web.linkedHosts, 'not an sMSA');
    assert.equal(web.dnsHostName, 'gmsa-web.contoso.com');
    const sql = inventoryRow(account('smsa-sql$'), NOW);
    assert.equal(sql.linkedHosts, 'SQL01');
    assert.equal(sql.retrievers, 'its linked host only');
    assert.equal(sql.usedBy, 'not known');
    assert.equal(inventoryRow(account('dmsa-app$'), NOW).enabled, 'No');
  });

  it('sorts by a column, the same column again flips it; never-set dates sort oldest', () => {
    const sams = (key: Parameters<typeof nextInventorySort>[1], ascending: boolean) =>
      sortInventory(REPORT.accounts, { key, ascending }).map((a) => a.sam);
    assert.deepEqual(sams('name', true), ['dmsa-app$', 'gmsa-web$', 'smsa-sql$']);
    assert.deepEqual(sams('type', true), ['dmsa-app$', 'gmsa-web$', 'smsa-sql$']);
    assert.deepEqual(sams('password', true), ['dmsa-app$', 'gmsa-web$', 'smsa-sql$']);
    assert.deepEqual(sams('lastLogon', false), ['dmsa-app$', 'gmsa-web$', 'smsa-sql$']);
    assert.deepEqual(sams('enabled', true), ['dmsa-app$', 'gmsa-web$', 'smsa-sql$']);
    assert.deepEqual(nextInventorySort({ key: 'name', ascending: true }, 'name'), { key: 'name', ascending: false });
    assert.deepEqual(nextInventorySort({ key: 'name', ascending: false }, 'type'), { key: 'type', ascending: true });
  });
});

describe('where the managed accounts are used, from a discovery sweep', () => {
  it('hands audit.run the jobs that run as a managed account, with the account (users left out)', () => {
    const use = { host: 'WEB01', state: 'Ready', lastRunTime: null, lastResult: null };
    const report = {
      findings: [
        {
          account: 'CONTOSO\\gmsa-report$',
          accountKind: 'managed',
          use: { ...use, kind: 'task', taskPath: '\\Reports\\', taskName: 'Export' },
        },
        { account: 'CONTOSO\\gmsa-web$', accountKind: 'managed', use: { ...use, kind: 'app-pool', name: 'WebApp' } },
        { account: 'CONTOSO\\svc-x', accountKind: 'user', use: { ...use, kind: 'service', name: 'X' } },
      ],
    } as unknown as DiscoveryReport;
    assert.deepEqual(discoveredUses(report), [
      { account: 'CONTOSO\\gmsa-report$', host: 'WEB01', kind: 'task', name: '\\Reports\\Export', source: 'discovery' },
      { account: 'CONTOSO\\gmsa-web$', host: 'WEB01', kind: 'app-pool', name: 'WebApp', source: 'discovery' },
    ]);
    assert.deepEqual(discoveredUses(null), []);
  });
});

describe('subjects in words', () => {
  it('names the kind and gives the DN when there is one', () => {
    assert.equal(
      subjectWords({ kind: 'ou', name: 'Apps', dn: 'OU=Apps,DC=contoso,DC=com' }),
      'OU: OU=Apps,DC=contoso,DC=com',
    );
    assert.equal(subjectWords({ kind: 'kds-key', name: 'k1', dn: null }), 'KDS root key: k1');
    assert.equal(subjectWords({ kind: 'something', name: 'x', dn: null }), 'something: x');
  });
});

describe("the inventory's order in words", () => {
  it('says the column and the direction as the admin reads it', () => {
    assert.equal(inventorySortWords({ key: 'password', ascending: true }), 'sorted by Password last set, oldest first');
    assert.equal(inventorySortWords({ key: 'name', ascending: false }), 'sorted by Name, Z to A');
    assert.equal(inventorySortWords({ key: 'enabled', ascending: true }), 'sorted by Enabled, disabled first');
  });
});
