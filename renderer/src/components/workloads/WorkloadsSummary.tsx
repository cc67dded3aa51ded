// Summary's list of what runs as the account: every workload of the run (kind, computer, what, result) as a table.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { RunInfo } from '../../api/contract';
import { planWorkloads, stepsOfWorkload, workloadProgress } from '../../store/planWorkloads';
import { useCardStyles } from '../cardStyles';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS} 0`,
    overflowWrap: 'anywhere',
  },
  head: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

export function WorkloadsSummary({ run }: { run: RunInfo }) {
  const card = useCardStyles();
  const styles = useStyles();
  const workloads = useMemo(() => planWorkloads(run.plan), [run.plan]);
  if (workloads.length === 0) return null;
  return (
    <section className={card.card} aria-labelledby="summary-workloads-heading">
      <h2 id="summary-workloads-heading" className={card.cardHeading}>
        What runs as the account
      </h2>
      <table className={styles.table} data-testid="workloads-summary">
        <thead>
          <tr>
            {['Kind', 'Computer', 'What', 'Result'].map((h) => (
              <th key={h} scope="col" className={`${styles.cell} ${styles.head}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {workloads.map((w) => (
            <tr key={w.id} data-workload={w.id}>
              <td className={styles.cell}>{w.label}</td>
              <td className={styles.cell}>{w.host}</td>
              <td className={styles.cell}>{w.description}</td>
              <td className={styles.cell}>{workloadProgress(stepsOfWorkload(run.steps, w))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
