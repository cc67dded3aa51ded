// The findings grouped by account, worst first (the core ranks them): per account its verdict in words, what the
// directory says of it, every job that runs as it (computer, kind, name, the job's own verdict and a decoded
// failure), and "Move to a managed account", which plans the move of all of them at once. Fine accounts (managed,
// built-in, nothing wrong yet) are listed apart, in one table. The worst account's move, when it is failing or about
// to, is also the screen's primary action in its sticky action bar (ScreenLayout's slot): in view at 1280x720 however
// long the list, and named with its account there, away from its card.
import { Button, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  ArrowRightRegular,
  CheckmarkCircleRegular,
  ErrorCircleRegular,
  WarningRegular,
  type FluentIcon,
} from '@fluentui/react-icons';
import { createPortal } from 'react-dom';
import type { AccountSummary, DiscoverVerdict, DiscoveryReport, Finding } from '../../api/contract';
import { USE_KIND_WORDS, VERDICT_TONE, VERDICT_WORDS, jobName } from '../../discover/words';
import { accountFacts } from '../../discover/facts';
import { accountTarget, jobTarget, type MoveTarget } from '../../setup/discoverActions';
import { useMoveToManaged } from './useMoveToManaged';
import { useDiscover } from '../../store/discoverStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { useCardStyles } from '../cardStyles';
import { useScreenActionsSlot } from '../ScreenLayout';
import { FactsTable } from '../FactsTable';
import { StatusBadge } from '../StatusBadge';

const useStyles = makeStyles({
  account: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  fail: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warn: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  pass: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  name: {
    margin: 0,
    marginRight: 'auto',
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  words: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  table: { borderCollapse: 'collapse', width: '100%' },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS} 0`,
    // Words break only when one alone is wider than its column (a long task path), never mid-word otherwise.
    overflowWrap: 'break-word',
  },
  /** A computer's name and the kind of job: short, kept on one line. */
  short: { whiteSpace: 'nowrap' },
  th: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  fix: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const VERDICT_ICON: Record<DiscoverVerdict, FluentIcon> = {
  failing: ErrorCircleRegular,
  'will-fail': ErrorCircleRegular,
  expiring: WarningRegular,
  unknown: WarningRegular,
  'standing-secret': WarningRegular,
  fine: CheckmarkCircleRegular,
};

function VerdictBadge({ verdict }: { verdict: DiscoverVerdict }) {
  return (
    <StatusBadge
      status={verdict}
      label={VERDICT_WORDS[verdict]}
      icon={VERDICT_ICON[verdict]}
      tone={VERDICT_TONE[verdict]}
    />
  );
}

/** A DOM id from an account name (CONTOSO\svc-report-user -> account-contoso-svc-report-user). */
const accountId = (account: string): string => `account-${account.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

interface UsesTableProps {
  readonly findings: readonly Finding[];
  readonly label: string;
  /** The DOM id prefix of the rows' names (each row's Move button is described by its job's name). */
  readonly id: string;
  /** Each job can be moved alone (the account is a user account); disabled while a move is planned. */
  readonly onMove: ((target: MoveTarget) => void) | null;
  readonly busy: boolean;
}

function UsesTable({ findings, label, id, onMove, busy }: UsesTableProps) {
  const styles = useStyles();
  const adopting = useDiscover((s) => s.adopting);
  // A failure's meaning and fix once per code (a fleet's many failing tasks share one), on its first row.
  const explained = new Map<string, string>();
  for (const f of findings)
    if (f.failure !== null && !explained.has(f.failure.code)) explained.set(f.failure.code, f.id);
  const heads =
    onMove === null ? ['Computer', 'What', 'Name', 'Verdict'] : ['Computer', 'What', 'Name', 'Verdict', 'Move'];
  return (
    <table className={styles.table} aria-label={label}>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col" className={mergeClasses(styles.cell, styles.th)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={f.id} data-finding={f.id} data-verdict={f.verdict}>
            <td className={mergeClasses(styles.cell, styles.short)}>{f.use.host}</td>
            <td className={mergeClasses(styles.cell, styles.short)}>{USE_KIND_WORDS[f.use.kind]}</td>
            <td id={`${id}-job-${i}`} className={styles.cell}>
              {jobName(f)}
            </td>
            <td className={styles.cell}>
              {f.words}
              {f.failure !== null && explained.get(f.failure.code) === f.id && (
                <span className={styles.fix}>{`${f.failure.meaning} ${f.failure.fix}`}</span>
              )}
            </td>
            {onMove !== null && (
              <td className={mergeClasses(styles.cell, styles.short)}>
                <Button
                  size="small"
                  icon={adopting === f.id ? <Spinner size="extra-tiny" aria-hidden="true" /> : undefined}
                  disabledFocusable={busy}
                  aria-describedby={`${id}-job-${i}`}
                  onClick={() => onMove(jobTarget(f))}
                >
                  This job only
                </Button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface AccountCardProps {
  readonly summary: AccountSummary;
  readonly findings: readonly Finding[];
  onMove(target: MoveTarget): void;
}

function AccountCard({ summary, findings, onMove }: AccountCardProps) {
  const styles = useStyles();
  const adopting = useDiscover((s) => s.adopting);
  const adoptError = useDiscover((s) =>
    s.adoptError !== null && (s.adoptError.key === summary.account || summary.findings.includes(s.adoptError.key))
      ? s.adoptError.error
      : null,
  );
  const id = accountId(summary.account);
  const tone = VERDICT_TONE[summary.verdict];
  const busy = adopting !== null;
  const movable = summary.kind === 'user';
  return (
    <li
      className={mergeClasses(
        styles.account,
        tone === 'fail' ? styles.fail : tone === 'warn' ? styles.warn : styles.pass,
      )}
      data-account={summary.account}
      data-verdict={summary.verdict}
    >
      <div className={styles.head}>
        <h3 id={`${id}-name`} className={styles.name}>
          {summary.account}
        </h3>
        <VerdictBadge verdict={summary.verdict} />
      </div>
      <p className={styles.words} data-testid="account-words">
        {summary.words}
      </p>
      {summary.facts !== null && <FactsTable facts={accountFacts(summary.facts)} testId="account-facts" />}
      <UsesTable
        findings={findings}
        label={`What runs as ${summary.account}`}
        id={id}
        onMove={movable ? onMove : null}
        busy={busy}
      />
      {movable && (
        <div className={styles.actions}>
          <Button
            id={`${id}-move`}
            appearance={summary.verdict === 'failing' || summary.verdict === 'will-fail' ? 'primary' : 'secondary'}
            icon={
              adopting === summary.account ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowRightRegular />
            }
            iconPosition="after"
            disabledFocusable={busy}
            aria-describedby={`${id}-name`}
            onClick={() => onMove(accountTarget(summary))}
          >
            Move to a managed account
          </Button>
        </div>
      )}
      {adoptError !== null && <ApiErrorBar error={adoptError} />}
    </li>
  );
}

export function AccountFindings({ report }: { report: DiscoveryReport }) {
  const card = useCardStyles();
  const styles = useStyles();
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const findingsOf = (a: AccountSummary) => a.findings.flatMap((id) => byId.get(id) ?? []);
  const atRisk = report.accounts.filter((a) => a.verdict !== 'fine');
  const fine = report.accounts.filter((a) => a.verdict === 'fine');
  const lead = atRisk.find((a) => a.kind === 'user' && (a.verdict === 'failing' || a.verdict === 'will-fail'));
  const slot = useScreenActionsSlot();
  const adopting = useDiscover((s) => s.adopting);
  const { move, dialog } = useMoveToManaged();

  return (
    <>
      {lead !== undefined &&
        slot !== null &&
        createPortal(
          <Button
            id="discover-move-lead"
            appearance="primary"
            icon={adopting === lead.account ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowRightRegular />}
            iconPosition="after"
            disabledFocusable={adopting !== null}
            onClick={() => void move(accountTarget(lead))}
          >
            {`Move ${lead.account} to a managed account`}
          </Button>,
          slot,
        )}
      {dialog}
      <section className={card.card} aria-labelledby="discover-risk-heading" data-testid="discover-at-risk">
        <h2 id="discover-risk-heading" className={card.cardHeading}>
          {atRisk.length === 0 ? 'Nothing runs as an account at risk' : 'Accounts at risk, worst first'}
        </h2>
        <p className={card.note}>
          {atRisk.length === 0
            ? 'Every job found runs as a managed or built-in account, or as a user whose password is not about to stop it.'
            : 'Each account with every job that runs as it: moving it to a group managed service account covers all of them, on every computer.'}
        </p>
        {atRisk.length > 0 && (
          <ul className={card.list} aria-label="Accounts at risk">
            {atRisk.map((a) => (
              <AccountCard key={a.account} summary={a} findings={findingsOf(a)} onMove={(t) => void move(t)} />
            ))}
          </ul>
        )}
      </section>
      {fine.length > 0 && (
        <section className={card.card} aria-labelledby="discover-fine-heading" data-testid="discover-fine">
          <h2 id="discover-fine-heading" className={card.cardHeading}>
            Fine
          </h2>
          <p className={card.note}>Managed and built-in accounts, and user accounts with nothing wrong yet.</p>
          <table className={styles.table} aria-label="Fine accounts">
            <thead>
              <tr>
                {['Account', 'Jobs', 'Why'].map((h) => (
                  <th key={h} scope="col" className={mergeClasses(styles.cell, styles.th)}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fine.map((a) => (
                <tr key={a.account} data-account={a.account}>
                  <td className={styles.cell}>{a.account}</td>
                  <td className={styles.cell}>
                    {findingsOf(a)
                      .map((f) => `${f.use.host}: ${jobName(f)}`)
                      .join(', ')}
                  </td>
                  <td className={styles.cell}>{a.words}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
