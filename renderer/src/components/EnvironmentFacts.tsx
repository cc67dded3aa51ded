// The environment as the probe found it, as a definition list.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { EnvironmentInfo } from '../api/contract';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  row: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

function facts(env: EnvironmentInfo): [string, string][] {
  const rows: [string, string][] = [
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
  const styles = useStyles();
  return (
    <dl className={styles.list} data-testid="environment-facts">
      {facts(environment).map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
