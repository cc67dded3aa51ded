// Facts as a definition list, terms in one column and values in the next: the environment (Prerequisites), the plan
// (Account, review) and the run (Summary).
import { makeStyles, tokens } from '@fluentui/react-components';

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
  // A value may hold several lines (the plan's SPNs, a description): they are shown as lines.
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
});

/** A term and its value; the terms of one table are distinct (they are the rows' keys). */
export type Fact = readonly [term: string, value: string];

export function FactsTable({ facts, testId }: { facts: readonly Fact[]; testId: string }) {
  const styles = useStyles();
  return (
    <dl className={styles.list} data-testid={testId}>
      {facts.map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
