// The computers that could not be read: a line each with the cause in words, what Windows said, the fix and its
// command (Enable-PSRemoting, the firewall rule, the rights); then the computers read in part (e.g. their IIS pools
// could not be read: their tasks and services are listed), with what was not read and why. The other computers still
// report. ProblemLine is also the OU's line (SearchBaseProblem).
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DiscoveryReport } from '../../api/contract';
import { hostLines, hostLinesHeading, type ProblemLineView } from '../../discover/problems';
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
  /** Read in part: the rest of the computer was read, so a warning, not a failure. */
  part: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  line: { margin: 0 },
  subject: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  said: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

/** One line: the computer (or OU) in bold, the cause and fix in words, what Windows said, the command with Copy. */
export function ProblemLine({ line }: { line: ProblemLineView }) {
  const styles = useStyles();
  return (
    <li
      className={mergeClasses(styles.problem, line.kind === 'part' && styles.part)}
      data-host={line.kind === 'ou' ? undefined : line.subject}
      data-kind={line.kind}
    >
      <p className={styles.line}>
        <span className={styles.subject}>{line.subject}</span>
        {`: ${line.words}`}
      </p>
      {line.said !== '' && <p className={styles.said}>{line.said}</p>}
      {line.command !== '' && <CodeBlock id={line.id} label="Fix" code={line.command} about={line.subject} />}
    </li>
  );
}

export function HostProblems({ report }: { report: DiscoveryReport }) {
  const card = useCardStyles();
  const lines = hostLines(report);
  if (lines.length === 0) return null;
  const heading = hostLinesHeading(report);
  return (
    <section className={card.card} aria-labelledby="discover-problems-heading" data-testid="discover-problems">
      <h2 id="discover-problems-heading" className={card.cardHeading}>
        {heading}
      </h2>
      <ul className={card.list} aria-label={heading.replace(/ \(\d+\)/g, '')}>
        {lines.map((l) => (
          <ProblemLine key={`${l.kind}-${l.subject}`} line={l} />
        ))}
      </ul>
    </section>
  );
}
