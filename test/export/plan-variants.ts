// Plans covering every step and branch of the generated scripts (gMSA new/existing group, OU, SPNs, DNS name, every
// KDS mode, sMSA, every task trigger and action, the examples: every workload kind, a web farm, a move), shared by the
// binding test and the preview test (test/steps/preview-leads-with-command.test.ts).
import { readFileSync } from 'node:fs';
import { parseAnswersText } from '../../electron/common/answers/answers-schema.js';
import { parsePlan, type Plan, type PlanInput } from '../../electron/common/plan/plan-schema.js';
import { SAMPLE_TASKS } from '../task/task-samples.js';

export const example = (name: string): Plan =>
  parseAnswersText(readFileSync(`assets/examples/${name}.json`, 'utf8')).plan;

export const GMSA: PlanInput = {
  accountType: 'gmsa',
  name: 'svc-web',
  description: "it's $(x)",
  dnsHostName: 'svc-web.contoso.com',
  spns: ['HTTP/web01.contoso.com', 'HTTP/web01'],
  ouPath: 'OU=Service Accounts,DC=contoso,DC=com',
  encryptionTypes: ['AES256'],
  passwordIntervalDays: 7,
  gmsa: {
    group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'DomainLocal', path: 'OU=Groups,DC=contoso,DC=com' },
    computers: ['WEB01', 'APP01'],
  },
  targetComputer: 'WEB01',
};

/** Plans covering every step and branch of the generated scripts. */
export function planVariants(): { name: string; plan: Plan }[] {
  return [
    { name: 'example gmsa-scheduled-task', plan: example('gmsa-scheduled-task') },
    { name: 'example smsa', plan: example('smsa') },
    { name: 'example gmsa-service', plan: example('gmsa-service') },
    { name: 'example gmsa-iis-app-pool', plan: example('gmsa-iis-app-pool') },
    { name: 'example gmsa-web-farm', plan: example('gmsa-web-farm') },
    ...(['default', 'immediately', 'backdated'] as const).map((kds) => ({
      name: `gMSA, KDS ${kds}`,
      plan: parsePlan({ ...GMSA, kdsRootKey: kds }),
    })),
    {
      name: 'gMSA, existing group',
      plan: parsePlan({ ...GMSA, gmsa: { group: { mode: 'existing', name: 'Web Hosts' }, computers: [] } }),
    },
    ...SAMPLE_TASKS.map((task, i) => ({ name: `gMSA, sample task ${i}`, plan: parsePlan({ ...GMSA, task }) })),
    {
      name: 'sMSA with a task',
      plan: parsePlan({
        accountType: 'smsa',
        name: 'svc-app',
        spns: ['MSSQLSvc/sql01.contoso.com:1433'],
        smsa: { computer: 'WEB01' },
        targetComputer: 'WEB01',
        task: SAMPLE_TASKS[1],
      }),
    },
  ];
}
