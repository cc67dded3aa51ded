// One finding: a disclosure button (severity in words, the title) with its subject under it; opened, why it matters,
// what could not be determined, the evidence line by line (ACEs, DNs and group paths in monospace, as the directory
// writes them), the fix command with Copy, and for a user account that should be managed, "Move to a managed account".
import { Button, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { ArrowRightRegular, ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import type { AuditFinding } from '../../api/contract';
import { SEVERITY_TONE, subjectWords } from '../../audit/severity';
import { useAudit } from '../../store/auditStore';
import { useDiscover } from '../../store/discoverStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { CopyButton } from '../CopyButton';
import { useStatusRowStyles } from '../cardStyles';
import { SeverityBadge } from './SeverityBadge';

const useStyles = makeStyles({
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  toggle: {
    display: 'grid',
    gridTemplateColumns: 'auto 7.5em minmax(0, 1fr)',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    padding: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  title: { overflowWrap: 'anywhere' },
  subject: {
    margin: 0,
    paddingLeft: `calc(20px + 7.5em + 2 * ${tokens.spacingHorizontalS})`,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  detail: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    paddingLeft: `calc(20px + ${tokens.spacingHorizontalS})`,
    paddingTop: tokens.spacingVerticalS,
  },
  para: { margin: 0 },
  label: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  evidence: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: '2px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  command: {
    margin: 0,
    maxWidth: '100%',
    padding: tokens.spacingHorizontalS,
    overflowX: 'auto',
    whiteSpace: 'pre-wrap',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** A DOM id from the finding's id (kind:dn has commas, equals signs and spaces). */
const findingDomId = (id: string): string => `finding-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

interface FindingItemProps {
  readonly finding: AuditFinding;
  onMove(finding: AuditFinding): void;
}

export function FindingItem({ finding: f, onMove }: FindingItemProps) {
  const styles = useStyles();
  const row = useStatusRowStyles();
  const open = useAudit((s) => s.open.includes(f.id));
  const adopting = useDiscover((s) => s.adopting);
  const adoptError = useDiscover((s) => (s.adoptError?.key === f.id ? s.adoptError.error : null));
  const id = findingDomId(f.id);
  const tone = f.unknown !== null ? 'unknown' : SEVERITY_TONE[f.severity];
  const Chevron = open ? ChevronDownRegular : ChevronRightRegular;
  return (
    <li
      className={mergeClasses(row.row, styles.item, row[tone])}
      data-finding={f.id}
      data-kind={f.kind}
      data-severity={f.severity}
    >
      <h3 className={styles.heading}>
        <button
          type="button"
          id={`${id}-toggle`}
          className={styles.toggle}
          aria-expanded={open}
          aria-controls={`${id}-detail`}
          onClick={() => useAudit.getState().toggleOpen(f.id)}
        >
          <Chevron fontSize={20} aria-hidden="true" />
          <SeverityBadge severity={f.severity} unknown={f.unknown !== null} />
          <span id={`${id}-title`} className={styles.title}>
            {f.title}
          </span>
        </button>
      </h3>
      <p className={styles.subject}>{subjectWords(f.subject)}</p>
      {open && (
        <div id={`${id}-detail`} className={styles.detail} data-testid="finding-detail">
          <p className={styles.para}>{f.why}</p>
          {f.unknown !== null && <p className={styles.para}>{`Unknown: ${f.unknown}`}</p>}
          {f.evidence.length > 0 && (
            <>
              <p className={styles.label} id={`${id}-evidence`}>
                Evidence
              </p>
              <ul className={styles.evidence} aria-labelledby={`${id}-evidence`} data-testid="finding-evidence">
                {f.evidence.map((line, i) => (
                  <li key={i} className={styles.mono}>
                    {line}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className={styles.label}>{`To fix: ${f.fix.summary}`}</p>
          <pre className={mergeClasses(styles.command, styles.mono)} data-testid="finding-fix">
            {f.fix.command}
          </pre>
          <div className={styles.buttons}>
            <CopyButton
              text={f.fix.command}
              what="Command"
              label="Copy the command"
              accessibleName={`Copy the command: ${f.title}`}
            />
            {f.moveAccount !== null && (
              <Button
                id={`${id}-move`}
                appearance="primary"
                size="small"
                icon={adopting === f.id ? <Spinner size="extra-tiny" aria-hidden="true" /> : <ArrowRightRegular />}
                iconPosition="after"
                disabledFocusable={adopting !== null}
                aria-describedby={`${id}-title`}
                onClick={() => onMove(f)}
              >
                Move to a managed account
              </Button>
            )}
          </div>
          {adoptError !== null && <ApiErrorBar error={adoptError} />}
        </div>
      )}
    </li>
  );
}
