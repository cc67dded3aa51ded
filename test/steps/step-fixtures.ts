// Shared by the step tests: the gMSA plan they set up (svc-web for WEB01, a new group in Service Groups), the lab's
// state as read from its file, and a run's statuses by step id.
import { parsePlan, type Plan, type PlanInput } from '../../electron/common/plan/plan-schema.js';

export { labState as state, labStateText as stateText } from '../helpers/lab.js';

export const gmsaPlan = (extra: Partial<PlanInput> = {}): Plan =>
  parsePlan({
    accountType: 'gmsa',
    name: 'svc-web',
    description: 'IIS app pool on WEB01',
    spns: ['HTTP/web01.contoso.com'],
    gmsa: {
      group: { mode: 'new', name: 'gMSA-Web-Hosts', scope: 'Global', path: 'OU=Service Groups,DC=contoso,DC=com' },
      computers: ['WEB01'],
    },
    targetComputer: 'WEB01',
    ...extra,
  });

export const statuses = (results: { id: string; outcome: { status: string } }[]) =>
  Object.fromEntries(results.map((r) => [r.id, r.outcome.status]));
