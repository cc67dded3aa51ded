// The audit's speed and directory queries on the lab's `large-domain` (2,000 computers, 300 managed accounts, 400
// groups nested five deep, 50 delegated OUs) beside `healthy`, through one warm lab session per scenario (not a test:
// numbers, no assertions): the time of runAudit (one script), the queries the script counted, and from the lab's call
// log the directory cmdlet calls it made. The counts must be the same on both: they do not grow with the domain.
// Run: npx tsx test/bench/audit.bench.ts [rounds]
import { runAudit } from '../../electron/common/audit/audit.js';
import { readLabCalls, startLabCallLog, stopLabCallLog } from '../helpers/lab-calls.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const rounds = Number(process.argv[2] ?? 1);

/** The directory reads: the AD module's Get- cmdlets, Get-KdsRootKey, Get-Acl on the AD: drive. */
const isDirectoryQuery = (command: string): boolean =>
  /^Get-AD/.test(command) || command === 'Get-KdsRootKey' || command === 'Get-Acl';

for (const scenario of ['healthy', 'large-domain']) {
  const dir = newLab(scenario);
  const session = labSession(dir, { computer: 'WEB01' });
  try {
    await session.run(trusted("'warm'"));
    for (let round = 1; round <= rounds; round++) {
      startLabCallLog(dir);
      const began = performance.now();
      const report = await runAudit({ run: (script, options) => session.run(script, options) });
      const ms = performance.now() - began;
      const calls = readLabCalls(dir).filter((c) => c.event === undefined && isDirectoryQuery(c.command));
      stopLabCallLog(dir);
      console.log(
        `audit ${scenario.padEnd(13)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${report.accounts.length} accounts, ` +
          `${report.findings.length} findings | ${report.queries} directory queries counted by the script, ` +
          `${calls.length} directory cmdlet calls in the lab's log` +
          (rounds > 1 ? ` (round ${round})` : ''),
      );
    }
  } finally {
    await session.dispose();
  }
}
