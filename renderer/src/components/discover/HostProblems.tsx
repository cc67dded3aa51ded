// The computers that could not be read: a line each with the cause in words, what Windows said, the fix and its
// command (Enable-PSRemoting, the firewall rule, the rights). The other computers still report.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { HostProblem } from '../../api/contract';
import { PROBLEM_WORDS } from '../../discover/words';
import { useCardStyles } from '../cardStyles';
import { CodeBlock } from '../health/CodeBlock';

const useStyles = makeStyles({
  problem: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorStatusDangerBorderActive}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  line: { margin: 0 },
  host: { fontWeight: tokens.fontWeightSemibold },
  said: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

export function HostProblems({ problems }: { problems: readonly HostProblem[] }) {
  const card = useCardStyles();
  const styles = useStyles();
  if (problems.length === 0) return null;
  return (
    <section className={card.card} aria-labelledby="discover-problems-heading" data-testid="discover-problems">
      <h2 id="discover-problems-heading" className={card.cardHeading}>
        {`Computers that could not be read (${problems.length})`}
      </h2>
      <ul className={card.list} aria-label="Computers that could not be read">
        {problems.map((p) => (
          <li key={p.host} className={styles.problem} data-host={p.host} data-cause={p.cause}>
            <p className={styles.line}>
              <span className={styles.host}>{p.host}</span>
              {`: ${PROBLEM_WORDS[p.cause]}. ${p.fix}`}
            </p>
            <p className={styles.said}>{p.message}</p>
            {p.command !== '' && (
              <CodeBlock
                id={`problem-${p.host.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-command`}
                label="Fix"
                code={p.command}
                about={p.host}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
