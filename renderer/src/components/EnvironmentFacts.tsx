// The environment as the probe found it, as a definition list.
import type { EnvironmentInfo } from '../api/contract';
import { FactsTable, type Fact } from './FactsTable';

function facts(env: EnvironmentInfo): Fact[] {
  const rows: Fact[] = [
    ['Computer', env.computer],
    ['User', env.user],
    ['Domain', env.domain ?? 'Not in a domain'],
    ['Elevated', env.elevated ? 'Yes (running as administrator)' : 'No (not running as administrator)'],
    ['PowerShell', `${env.powershellVersion} (${env.powershellEdition})`],
  ];
  if (env.lab !== null) {
    rows.push(['Lab scenario', env.lab.scenario], ['Domain controller', env.lab.domainController]);
  }
  return rows;
}

export function EnvironmentFacts({ environment }: { environment: EnvironmentInfo }) {
  return <FactsTable facts={facts(environment)} testId="environment-facts" />;
}
