// One check: its status (icon and words), title, what was found, a countdown when it becomes ready later, and a
// disclosure button (the title) that opens the details: why it matters, the exact command, the fix, the raw output.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import type { CheckResult } from '../../api/contract';
import { isChecking, useHealth } from '../../store/healthStore';
import { useStatusRowStyles } from '../cardStyles';
import { CodeBlock } from './CodeBlock';
import { FixSection } from './FixSection';
import { checkDomId } from './ids';
import { ReadyCountdown } from './ReadyCountdown';
import { StatusIcon } from './StatusIcon';

const useStyles = makeStyles({
  // One width for every status keeps the titles in one column.
  statusCell: { minWidth: '88px', paddingTop: tokens.spacingVerticalXS },
  main: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
  toggle: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `0 0 0 calc(-1 * ${tokens.spacingHorizontalXS})`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '1px',
    },
  },
  chevron: { fontSize: '16px', flexShrink: 0 },
  found: { margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  details: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    gridColumn: '2',
    minWidth: 0,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  partHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  text: { margin: 0 },
  timing: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function rawText(raw: unknown): string {
  if (raw === undefined) return '(none)';
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw, null, 2) ?? String(raw);
  } catch {
    return String(raw);
  }
}

function CheckDetails({ check }: { check: CheckResult }) {
  const styles = useStyles();
  const id = (part: string) => checkDomId(check.id, part);
  return (
    <>
      <section className={styles.part} aria-labelledby={id('why-heading')}>
        <h5 id={id('why-heading')} className={styles.partHeading}>
          Why it matters
        </h5>
        <p className={styles.text}>{check.why}</p>
      </section>
      <CodeBlock id={id('command')} label="Command to check by hand" code={check.command} about={check.title} />
      {check.fix !== null && (
        <section className={styles.part} aria-labelledby={id('fix-heading')} data-testid="check-fix">
          <h5 id={id('fix-heading')} className={styles.partHeading}>
            Fix
          </h5>
          <FixSection check={check} fix={check.fix} />
        </section>
      )}
      <CodeBlock
        id={id('raw')}
        label="Raw output"
        code={rawText(check.raw)}
        about={check.title}
        copyable={false}
        testId="check-raw"
      />
      <p className={styles.timing}>
        {check.ms < 1 ? 'Checked in under 1 ms.' : `Checked in ${Math.round(check.ms)} ms.`}
      </p>
    </>
  );
}

export function CheckItem({ check }: { check: CheckResult }) {
  const styles = useStyles();
  const rows = useStatusRowStyles();
  const open = useHealth((s) => s.expanded[check.id] === true);
  const setExpanded = useHealth((s) => s.setExpanded);
  const activity = useHealth((s) => s.activity);
  const run = useHealth((s) => s.run);
  const checking = isChecking(activity, check.id);
  const id = (part: string) => checkDomId(check.id, part);
  const Chevron = open ? ChevronDownRegular : ChevronRightRegular;

  return (
    <li
      className={mergeClasses(rows.row, !checking && rows[check.status])}
      data-check-id={check.id}
      data-status={checking ? 'checking' : check.status}
    >
      <div className={styles.statusCell}>
        <StatusIcon id={id('status')} status={check.status} checking={checking} />
      </div>
      <div className={styles.main}>
        <h4 className={rows.title}>
          <button
            id={id('toggle')}
            type="button"
            className={styles.toggle}
            aria-expanded={open}
            aria-controls={id('details')}
            aria-describedby={`${id('status')} ${id('found')}`}
            onClick={() => setExpanded(check.id, !open)}
          >
            <Chevron className={styles.chevron} aria-hidden="true" />
            {check.title}
          </button>
        </h4>
        <p id={id('found')} className={styles.found}>
          {check.found}
        </p>
        {check.readyAt !== null && check.status !== 'pass' && (
          <ReadyCountdown
            readyAt={check.readyAt}
            title={check.title}
            busy={activity.kind !== 'idle'}
            onRecheck={() => void run([check.id])}
          />
        )}
      </div>
      <div id={id('details')} className={styles.details} hidden={!open} data-testid="check-details">
        {open && <CheckDetails check={check} />}
      </div>
    </li>
  );
}
