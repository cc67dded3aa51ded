// The sweep while it runs and after: a line per computer (reading, read, could not be read), and one status line a
// screen reader announces ("Read 3 of 40 computers…", then the accounts, then the outcome: how many read, in part,
// not read, and whether the OU could not be listed).
import { makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { useDiscover, type HostProgress } from '../../store/discoverStore';
import { useCardStyles } from '../cardStyles';
import { StatusBadge } from '../StatusBadge';

const useStyles = makeStyles({
  hosts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  host: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  name: { fontWeight: tokens.fontWeightSemibold },
});

function HostBadge({ progress }: { progress: HostProgress }) {
  if (progress.state === 'reading') return <StatusBadge status="reading" label="Reading" icon="spinner" tone="quiet" />;
  if (progress.state === 'read')
    return <StatusBadge status="read" label="Read" icon={CheckmarkCircleRegular} tone="pass" />;
  return <StatusBadge status="problem" label="Not read" icon={ErrorCircleRegular} tone="fail" />;
}

function statusWords(s: {
  running: boolean;
  readingAccounts: boolean;
  done: number;
  total: number | null;
  hosts: number;
  problems: number;
  part: number;
  ouProblem: boolean;
}): string {
  if (s.running && s.readingAccounts) return 'Reading the accounts from the directory…';
  if (s.running) return s.total === null ? 'Reading…' : `Read ${s.done} of ${s.total} computers…`;
  const read = s.hosts - s.problems;
  const ou = s.ouProblem ? ' The OU could not be listed.' : '';
  return `Done: ${read} of ${s.hosts} ${s.hosts === 1 ? 'computer' : 'computers'} read${s.part === 0 ? '' : ` (${s.part} in part)`}${s.problems === 0 ? '' : `, ${s.problems} could not be read`}.${ou}`;
}

export function SweepProgress() {
  const card = useCardStyles();
  const styles = useStyles();
  const running = useDiscover((s) => s.running);
  const readingAccounts = useDiscover((s) => s.readingAccounts);
  const progress = useDiscover((s) => s.progress);
  const done = useDiscover((s) => s.done);
  const total = useDiscover((s) => s.total);
  const report = useDiscover((s) => s.report);
  if (!running && report === null) return null;
  const words = statusWords({
    running,
    readingAccounts,
    done,
    total,
    hosts: report?.hosts.length ?? 0,
    problems: report?.problems.length ?? 0,
    part: report?.notes?.length ?? 0,
    ouProblem: report?.searchBaseProblem !== undefined,
  });
  return (
    <section className={card.card} aria-labelledby="discover-progress-heading" aria-busy={running}>
      <h2 id="discover-progress-heading" className={card.cardHeading}>
        Computers
      </h2>
      <p role="status" className={card.note} data-testid="discover-status">
        {words}
      </p>
      {progress.length > 0 && (
        <ul className={styles.hosts} aria-label="Computers read" data-testid="discover-hosts">
          {progress.map((p) => (
            <li key={p.host} className={styles.host} data-host={p.host} data-state={p.state}>
              <span className={styles.name}>{p.host}</span>
              <HostBadge progress={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
