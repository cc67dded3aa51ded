// A check's fix: what to do, the exact command, and the one-click actions, each with its explanation. An action
// with an acknowledgement (back-dating the KDS root key) stays disabled until the admin ticks that sentence.
// While any fix or check runs, every action is disabled; the running one shows a spinner.
import { Button, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { WrenchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CheckFix, CheckResult, FixId } from '../../api/contract';
import { useHealth } from '../../store/healthStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { AskFirstDialog, useAskFirst } from '../AskFirstDialog';
import { useCardStyles } from '../cardStyles';
import { CodeBlock } from './CodeBlock';
import { checkDomId } from './ids';

const useStyles = makeStyles({
  fix: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: { margin: 0 },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorStatusWarningBorderActive}` },
  explanation: { margin: 0, color: tokens.colorNeutralForeground2 },
  // A native checkbox (Fluent's would add to the first load for this one use), in the theme's accent colour.
  acknowledge: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
  },
  checkbox: {
    flexShrink: 0,
    width: '16px',
    height: '16px',
    margin: `${tokens.spacingVerticalXXS} 0 0`,
    accentColor: tokens.colorCompoundBrandBackground,
    cursor: 'pointer',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
});

type Action = CheckFix['actions'][number];

function FixAction({ check, action, primary }: { check: CheckResult; action: Action; primary: boolean }) {
  const card = useCardStyles();
  const styles = useStyles();
  const activity = useHealth((s) => s.activity);
  const fix = useHealth((s) => s.fix);
  const [acknowledged, setAcknowledged] = useState(false);
  const running = activity.kind === 'fix' && activity.fix === action.id && activity.checkId === check.id;
  const busy = activity.kind !== 'idle';
  const needsAck = action.acknowledgement !== null;
  const explanationId = checkDomId(check.id, `fix-${action.id}-why`);
  // A change no undo reverses (a forest-wide KDS root key) is asked first, with the exact command.
  const ask = useAskFirst<true>();
  const confirmId = checkDomId(check.id, `fix-${action.id}-confirm`);

  async function apply(id: FixId) {
    const applied = await fix(check.id, id, needsAck && acknowledged);
    if (applied) setAcknowledged(false);
    // The check may have moved (failures first) or lost this button: then keep the keyboard on the check.
    requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (focused === null || focused === document.body || !focused.isConnected) {
        document.getElementById(checkDomId(check.id, 'toggle'))?.focus();
      }
    });
  }

  return (
    <li className={mergeClasses(card.item, needsAck && styles.warning)} data-fix={action.id}>
      <p id={explanationId} className={styles.explanation}>
        {action.explanation}
      </p>
      {needsAck && (
        <label className={styles.acknowledge}>
          <input
            type="checkbox"
            className={styles.checkbox}
            checked={acknowledged}
            disabled={busy}
            onChange={(event) => setAcknowledged(event.currentTarget.checked)}
          />
          {action.acknowledgement}
        </label>
      )}
      <Button
        appearance={primary ? 'primary' : 'secondary'}
        icon={running ? <Spinner size="extra-tiny" aria-hidden="true" /> : <WrenchRegular />}
        disabledFocusable={busy || (needsAck && !acknowledged)}
        aria-describedby={explanationId}
        onClick={() => (action.confirm === null ? void apply(action.id) : ask.ask(true))}
      >
        {running ? `${action.label}…` : action.label}
      </Button>
      {action.confirm !== null && ask.subject !== null && (
        <AskFirstDialog
          open={ask.open}
          title={`${action.label}?`}
          describedBy={`${confirmId}-what`}
          cancelId={`${confirmId}-cancel`}
          confirmId={`${confirmId}-run`}
          confirmLabel="Run it"
          onConfirm={() => ask.answer(() => void apply(action.id))}
          onCancel={() => ask.answer(() => undefined)}
          onClosed={ask.closed}
        >
          <p id={`${confirmId}-what`} className={styles.summary}>
            {action.confirm}
          </p>
          <CodeBlock id={`${confirmId}-command`} label="The command" code={action.command} about={action.label} />
        </AskFirstDialog>
      )}
    </li>
  );
}

export function FixSection({ check, fix }: { check: CheckResult; fix: CheckFix }) {
  const card = useCardStyles();
  const styles = useStyles();
  const fixError = useHealth((s) => (s.fixError?.checkId === check.id ? s.fixError.error : null));
  return (
    <div className={styles.fix}>
      <p className={styles.summary}>{fix.summary}</p>
      {fix.command.trim() !== '' && (
        <CodeBlock
          id={checkDomId(check.id, 'fix-command')}
          label="Fix command"
          code={fix.command}
          about={check.title}
        />
      )}
      {fix.actions.length > 0 && (
        <ul className={card.list} aria-label={`One-click fixes: ${check.title}`}>
          {fix.actions.map((action, index) => (
            // The core lists its recommendation first: the primary button when the check fails.
            <FixAction key={action.id} check={check} action={action} primary={index === 0 && check.status === 'fail'} />
          ))}
        </ul>
      )}
      {fixError !== null && <ApiErrorBar error={fixError} />}
    </div>
  );
}
