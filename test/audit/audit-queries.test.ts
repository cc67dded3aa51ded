// The audit's directory queries do not grow with the domain: the same script on `healthy` (no managed account) and on
// `large-domain` (2,000 computers, 300 managed accounts, 400 groups nested five deep, 50 delegated OUs) makes the same
// number of directory cmdlet calls, counted twice: by the script itself (the report's `queries`) and by the lab's
// call log (every Get-AD*, Get-KdsRootKey and Get-Acl call the lab served). One session script each. What large-domain plants
// is found there too, with the nested retrievers resolved to computers through their group path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../electron/common/audit/audit.js';
import type { AuditReport } from '../../electron/common/audit/types.js';
import { largeDomainPlanted } from '../../electron/lab/scenarios/large-domain.js';
import { readLabCalls, startLabCallLog, stopLabCallLog, type LabCall } from '../helpers/lab-calls.js';
import { sharedLabSession, type BoundLab } from '../helpers/lab.js';

const useLab = sharedLabSession();
const isDirectoryQuery = (c: LabCall): boolean =>
  c.event === undefined && (/^Get-AD/.test(c.command) || c.command === 'Get-KdsRootKey' || c.command === 'Get-Acl');

async function counted(lab: BoundLab): Promise<{ report: AuditReport; calls: LabCall[]; scripts: number }> {
  let scripts = 0;
  startLabCallLog(lab.dir);
  try {
    const report = await runAudit({
      run: (script, options) => {
        scripts += 1;
        return lab.session.run(script, options);
      },
    });
    return { report, calls: readLabCalls(lab.dir).filter(isDirectoryQuery), scripts };
  } finally {
    stopLabCallLog(lab.dir);
  }
}

const results = new Map<string, Awaited<ReturnType<typeof counted>>>();

for (const scenario of ['healthy', 'large-domain']) {
  describe(`audit queries on ${scenario}`, () => {
    const lab = useLab(scenario);
    it('one session script; the directory calls the lab served are the ones the script counted', async () => {
      const r = await counted(lab);
      results.set(scenario, r);
      assert.equal(r.scripts, 1);
      assert.equal(r.calls.length, r.report.queries, r.calls.map((c) => c.command).join(', '));
      assert.ok(
        r.calls.every((c) => !c.remote),
        'no directory query from a remote session',
      );
    });
  });
}

describe('audit queries, healthy against large-domain', () => {
  it('are the same number, whatever the number of accounts, groups and OUs (at most 14: one per object class, two for the groups)', () => {
    const healthy = results.get('healthy');
    const large = results.get('large-domain');
    assert.ok(healthy !== undefined && large !== undefined);
    assert.equal(large.report.accounts.length, 300);
    assert.equal(healthy.report.accounts.length, 0);
    const byCommand = (calls: readonly LabCall[]): Record<string, number> =>
      Object.fromEntries(
        [...new Set(calls.map((c) => c.command))]
          .sort()
          .map((cmd) => [cmd, calls.filter((c) => c.command === cmd).length]),
      );
    assert.deepEqual(byCommand(large.calls), byCommand(healthy.calls));
    assert.ok(large.report.queries <= 14, String(large.report.queries));
  });

  it('resolves the nested retrievers of large-domain to computers, with their group path', () => {
    const large = results.get('large-domain');
    assert.ok(large !== undefined);
    const nested = large.report.accounts.flatMap((a) => a.retrievers).filter((r) => r.via.length >= 2);
    assert.ok(nested.length > 0, 'no retriever reached through two groups or more');
    assert.ok(nested.every((r) => r.kind === 'computer' || r.kind === 'group'));
    const deepest = Math.max(...nested.map((r) => r.via.length));
    assert.ok(deepest >= 4, `deepest group path: ${deepest}`);
  });

  it('finds what large-domain plants, and nothing else medium or worse', () => {
    const large = results.get('large-domain');
    assert.ok(large !== undefined);
    const planted = largeDomainPlanted();
    const isPlanted = (f: AuditReport['findings'][number]): boolean =>
      planted.some((p) => p.kind === f.kind && (p.subject === f.subject.name || p.subject === f.subject.dn));
    for (const p of planted) {
      const f = large.report.findings.find(
        (x) => x.kind === p.kind && (x.subject.name === p.subject || x.subject.dn === p.subject),
      );
      assert.ok(
        f?.evidence.some((e) => e.includes(p.evidence)),
        `${p.kind} ${p.subject}`,
      );
    }
    assert.deepEqual(
      large.report.findings
        .filter((f) => !isPlanted(f) && ['critical', 'high', 'medium'].includes(f.severity))
        .map((f) => f.id),
      [],
    );
  });
});
