// Discovery's speed and round trips on the lab's `many-hosts` fleet (40 member servers, 3 of them unreadable), through
// one warm lab session as WEB01 (not a test: numbers, no assertions): this computer only, 2 hosts, then all 40, each
// with the session scripts it sent and, from the lab's call log, its Invoke-Command calls, the AD queries and the most
// hosts that ran at once. The counts must not grow with the fleet: 2 scripts, 1 Invoke-Command, 3 AD queries.
// Run: npx tsx test/bench/discover.bench.ts [rounds]
import { discover, type DiscoverSession } from '../../electron/common/discover/discover.js';
import { MANY_HOSTS } from '../../electron/lab/scenarios/many-hosts.js';
import { countCalls, maxConcurrent, readLabCalls, startLabCallLog, stopLabCallLog } from '../helpers/lab-calls.js';
import { labSession, newLab } from '../helpers/lab.js';
import { trusted } from '../helpers/pwsh.js';

const rounds = Number(process.argv[2] ?? 1);
const dir = newLab('many-hosts');
const session = labSession(dir, { computer: 'WEB01' });

const AD = ['Get-ADUser', 'Get-ADServiceAccount', 'Get-ADGroup', 'Get-ADComputer'];

async function measure(label: string, computers: readonly string[]): Promise<void> {
  for (let round = 1; round <= rounds; round++) {
    let scripts = 0;
    const counted: DiscoverSession = {
      run: (script, options) => {
        scripts += 1;
        return session.run(script, options);
      },
    };
    startLabCallLog(dir);
    const began = performance.now();
    const report = await discover(counted, { computers: [...computers] });
    const ms = performance.now() - began;
    const calls = readLabCalls(dir);
    stopLabCallLog(dir);
    const ad = AD.reduce((n, cmd) => n + countCalls(calls, cmd), 0);
    console.log(
      `discover ${label.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(6)} s  ` +
        `${report.counts.reached}/${report.counts.hosts} hosts read, ${report.findings.length} jobs, ` +
        `${report.problems.length} host problems | ${scripts} session scripts, ` +
        `${countCalls(calls, 'Invoke-Command')} Invoke-Command (at most ${maxConcurrent(calls)} hosts at once), ${ad} AD queries` +
        (rounds > 1 ? ` (round ${round})` : ''),
    );
  }
}

try {
  await session.run(trusted("'warm'"));
  await measure('this computer only', []);
  await measure('2 hosts', ['WEB01', 'APP01']);
  await measure(`many-hosts (${MANY_HOSTS.length} hosts)`, MANY_HOSTS);
} finally {
  await session.dispose();
}
