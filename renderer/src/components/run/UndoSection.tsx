// "Undo this run": what the run created, newest first, each with its own undo script (a disclosure) and status;
// "Undo" removes the next one, "Undo all" the rest (after a confirmation that lists them). Objects the run found and
// reused are not listed: the core leaves them out, so undo can never touch them. While a step is cut off there are
// no buttons: the core refuses undo until that step has run again (it may have made something not listed yet).
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowUndoRegular,
  CheckmarkCircleFilled,
  ChevronDownRegular,
  ChevronRightRegular,
  CircleRegular,
  DismissCircleFilled,
} from '@fluentui/react-icons';
import { useState } from 'react';
import { formatWhen } from '../../format/when';
import { createdWordsOf } from '../../workloads/registry';
import type { RunInfo, UndoActionInfo } from '../../api/contract';
import { keepFocus } from '../../setup/focus';
import { isCutOff } from '../../setup/steps';
import { useRun } from '../../store/runStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { useAskFirst } from '../AskFirstDialog';
import { useCardStyles } from '../cardStyles';
import { CodeBlock } from '../health/CodeBlock';
import { ConfirmUndoAll } from './ConfirmUndoAll';
import { StatusBadge, type StatusLook } from '../StatusBadge';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  objects: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
  text: { margin: 0, overflowWrap: 'anywhere' },
  code: { alignSelf: 'stretch' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const KIND_WORDS: Record<UndoActionInfo['created'][number]['kind'], string> = {
  group: 'group',
  'group-member': 'group membership',
  'service-account': 'service account',
  'smsa-link': 'link to the computer',
  'installed-account': 'installation on the computer',
  'batch-right': '"Log on as a batch job" right of',
  'service-right': '"Log on as a service" right of',
  'scheduled-task': 'scheduled task',
};

const STATUS_WORDS: Record<UndoActionInfo['status'], string> = {
  pending: 'Not undone yet',
  done: 'Undone',
  failed: 'Failed',
};
const STATUS_LOOKS: Record<UndoActionInfo['status'], StatusLook> = {
  pending: { icon: CircleRegular, tone: 'unknown' },
  done: { icon: CheckmarkCircleFilled, tone: 'pass' },
  failed: { icon: DismissCircleFilled, tone: 'fail' },
};

/** An object the run created, in words: "The service account CN=... (in WEB01)". */
export const objectWords = (c: UndoActionInfo['created'][number]): string =>
  `The ${KIND_WORDS[c.kind] ?? createdWordsOf(c.kind) ?? c.kind} ${c.identity}${c.parent === undefined ? '' : ` (in ${c.parent})`}`;

function UndoAction({ action, index }: { action: UndoActionInfo; index: number }) {
  const card = useCardStyles();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const Chevron = open ? ChevronDownRegular : ChevronRightRegular;
  const id = `undo-${index}`;
  return (
    <li className={card.item} data-undo-step={action.stepId} data-status={action.status}>
      <div className={styles.head}>
        <h4 className={styles.title}>{action.title}</h4>
        <StatusBadge status={action.status} label={STATUS_WORDS[action.status]} {...STATUS_LOOKS[action.status]} />
      </div>
      <ul className={styles.objects}>
        {action.created.map((c) => (
          <li key={`${c.kind}:${c.identity}:${c.parent ?? ''}`}>{objectWords(c)}</li>
        ))}
      </ul>
      {action.inherited.length > 0 && (
        <p className={styles.text} data-testid="undo-inherited">
          {`Created by an earlier run of this wizard, set aside ${formatWhen(action.inherited[0]?.setAsideAt ?? '')}: this run found ${action.inherited.length === 1 ? 'it' : 'them'} and removes ${action.inherited.length === 1 ? 'it' : 'them'} too.`}
        </p>
      )}
      {action.message !== null && <p className={styles.text}>{action.message}</p>}
      <Button
        appearance="subtle"
        size="small"
        icon={<Chevron />}
        aria-expanded={open}
        aria-controls={`${id}-script-area`}
        aria-label={`Undo script: ${action.title}`}
        onClick={() => setOpen(!open)}
      >
        Undo script
      </Button>
      <div id={`${id}-script-area`} className={styles.code} hidden={!open}>
        {open && <CodeBlock id={`${id}-script`} label="Undo script" code={action.script} about={action.title} />}
      </div>
    </li>
  );
}

export function UndoSection({ run }: { run: RunInfo }) {
  const card = useCardStyles();
  const styles = useStyles();
  const activity = useRun((s) => s.activity);
  const error = useRun((s) => (s.error?.for === 'undo' ? s.error.error : null));
  const undo = useRun((s) => s.undo);
  const busy = activity.kind !== 'idle';
  const next = run.undo.find((a) => a.status !== 'done') ?? null;
  const cut = run.steps.find(isCutOff);
  const undoing = activity.kind === 'undo';
  // What Undo all removes, asked first; the list is taken when it asks (it stays put while the dialog closes).
  const confirm = useAskFirst<UndoActionInfo[]>();

  return (
    <section className={card.card} aria-labelledby="undo-heading" data-testid="undo-section">
      <div className={card.cardHeader}>
        <h2 id="undo-heading" className={card.cardHeading} tabIndex={-1}>
          Undo this run
        </h2>
      </div>
      <p className={card.note}>
        Removes only what this run created (or took over from a run of this wizard that was set aside), newest first.
        Objects that were there before the wizard are never touched.
      </p>
      {run.undo.length === 0 ? (
        <p className={card.note}>This run created nothing, so there is nothing to undo.</p>
      ) : (
        <ol className={card.list} aria-label="What undo removes, newest first">
          {run.undo.map((action, index) => (
            <UndoAction key={`${action.stepId}-${index}`} action={action} index={index} />
          ))}
        </ol>
      )}
      {next !== null && cut !== undefined && (
        <MessageBar intent="warning" layout="multiline" data-testid="undo-waits">
          <MessageBarBody>
            {`Undo waits until “${cut.title}” has run again: it was cut off and may have made something this list does not show yet. Run it again above; what it made then counts as this run’s, and undo removes it too.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {next !== null && cut === undefined && (
        <div className={styles.buttons}>
          <Button
            id="undo-next"
            icon={<ArrowUndoRegular />}
            disabledFocusable={busy}
            aria-label={next.title}
            onClick={() => void undo(false).then(() => keepFocus(['undo-next', 'undo-heading']))}
          >
            {undoing && !(activity.kind === 'undo' && activity.all) ? 'Undoing…' : 'Undo'}
          </Button>
          <Button
            id="undo-all"
            appearance="primary"
            icon={<ArrowUndoRegular />}
            disabledFocusable={busy}
            onClick={() => confirm.ask(run.undo.filter((a) => a.status !== 'done'))}
          >
            {undoing && activity.kind === 'undo' && activity.all ? 'Undoing…' : 'Undo all'}
          </Button>
        </div>
      )}
      <div role="status">
        {run.state === 'undone' && (
          <MessageBar intent="success" layout="multiline" data-testid="undo-done">
            <MessageBarBody>Undone: everything this run created was removed.</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {error !== null && <ApiErrorBar error={error} />}
      {confirm.subject !== null && (
        <ConfirmUndoAll
          open={confirm.open}
          actions={confirm.subject}
          describe={objectWords}
          onCancel={() => confirm.answer(() => keepFocus(['undo-all']))}
          onConfirm={() => confirm.answer(() => void undo(true).then(() => keepFocus(['undo-heading'])))}
          onClosed={confirm.closed}
        />
      )}
    </section>
  );
}
