// Runs set aside ("Change the plan", the resume banner's Set aside) are not forgotten: each is listed with what it
// created and whether that is undone, also after a reload (runs.setAside reads the journals), and can be undone.
// In order: a run whose objects a newer run found and took over waits for that run, whose Undo all removes them too.
import { Button, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import type { UndoActionInfo } from '../../api/contract';
import { formatWhen } from '../../format/when';
import { keepFocus } from '../../setup/focus';
import { useRun, type SetAsideRun } from '../../store/runStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { useAskFirst } from '../AskFirstDialog';
import { useCardStyles } from '../cardStyles';
import { ConfirmUndoAll } from './ConfirmUndoAll';
import { objectWords } from './UndoSection';

const useStyles = makeStyles({
  text: { margin: 0, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
});

/** "the group gMSA-Web-Hosts and the service account svc-web" (lower case, joined). */
const objectsInWords = (objects: readonly UndoActionInfo['created'][number][]): string => {
  const words = objects.map((o) => objectWords(o).replace(/^The /, 'the '));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
};

/** Where a set-aside run stands, in words. */
function standing(entry: SetAsideRun): string {
  const { run, takenOverBy } = entry;
  // Undo lists newest first; what the run created reads in the order it was made.
  const created = run.undo.flatMap((u) => u.created).reverse();
  const left = run.undo
    .filter((u) => u.status !== 'done')
    .flatMap((u) => u.created)
    .reverse();
  if (created.length === 0) return 'It created nothing.';
  if (left.length === 0) return `It created ${objectsInWords(created)}: undone.`;
  const taken =
    takenOverBy !== null && takenOverBy.state !== 'undone'
      ? ` The run started ${formatWhen(takenOverBy.createdAt)} found ${left.length === 1 ? 'it' : 'them'} and reuses ${left.length === 1 ? 'it' : 'them'}: that run’s Undo all removes ${left.length === 1 ? 'it' : 'them'} too.`
      : '';
  return `It created ${objectsInWords(left)}, still in place.${taken}`;
}

/** Whether the run's own Undo applies: something left, and no newer run holds it (undo goes in order). */
const undoable = (entry: SetAsideRun): boolean =>
  entry.run.undo.some((u) => u.status !== 'done') &&
  (entry.takenOverBy === null || entry.takenOverBy.state === 'undone') &&
  !entry.run.interrupted;

export function SetAsideRuns() {
  const card = useCardStyles();
  const styles = useStyles();
  const runs = useRun((s) => s.setAsideRuns);
  const current = useRun((s) => s.run);
  const activity = useRun((s) => s.activity);
  const error = useRun((s) => (s.error?.for === 'set-aside' ? s.error.error : null));
  const load = useRun((s) => s.loadSetAside);
  const undoSetAside = useRun((s) => s.undoSetAside);
  const confirm = useAskFirst<SetAsideRun>();
  // Read again whenever the current run changes (set aside, taken over, undone).
  const signature = `${current?.runId ?? ''}:${current?.state ?? ''}:${current?.undo.filter((u) => u.status === 'done').length ?? 0}`;
  useEffect(() => void load(), [load, signature]);
  const listed = runs.filter((r) => r.run.runId !== current?.runId);
  if (listed.length === 0) return null;
  const busy = activity.kind !== 'idle';

  return (
    <section className={card.card} aria-labelledby="set-aside-heading" data-testid="set-aside-runs">
      <h2 id="set-aside-heading" className={card.cardHeading} tabIndex={-1}>
        {`Runs set aside: ${listed.length}`}
      </h2>
      <p className={card.note}>
        Runs left unfinished when the plan changed. What they created stays in the directory until undone.
      </p>
      <ol className={card.list} aria-label="Runs set aside, newest first">
        {listed.map((entry) => (
          <li
            key={entry.run.runId}
            className={mergeClasses(card.item, styles.row)}
            data-run-id={entry.run.runId}
            data-state={entry.run.state}
          >
            <p className={styles.text}>
              <strong>{`${entry.run.account} on ${entry.run.targetComputer}`}</strong>
              {`, started ${formatWhen(entry.run.createdAt)}, set aside ${formatWhen(entry.run.setAsideAt ?? entry.run.createdAt)}. `}
              {standing(entry)}
            </p>
            {undoable(entry) && (
              <Button
                id={`set-aside-undo-${entry.run.runId}`}
                icon={<ArrowUndoRegular />}
                disabledFocusable={busy}
                aria-label={`Undo the run set aside ${formatWhen(entry.run.setAsideAt ?? entry.run.createdAt)}`}
                onClick={() => confirm.ask(entry)}
              >
                {activity.kind === 'undo-set-aside' && activity.runId === entry.run.runId ? 'Undoing…' : 'Undo'}
              </Button>
            )}
          </li>
        ))}
      </ol>
      {listed.some((r) => r.run.interrupted && r.run.state !== 'undone') && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            A run set aside had a step cut off: what that step made is not known, so it cannot be undone here. Its
            journal lists the step; check the directory by hand.
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && <ApiErrorBar error={error} />}
      {confirm.subject !== null && (
        <ConfirmUndoAll
          open={confirm.open}
          actions={confirm.subject.run.undo.filter((a) => a.status !== 'done')}
          describe={objectWords}
          whose="the run set aside"
          onCancel={() => confirm.answer(() => keepFocus(['set-aside-heading']))}
          onConfirm={() => {
            const runId = confirm.subject?.run.runId ?? '';
            confirm.answer(() => void undoSetAside(runId).then(() => keepFocus(['set-aside-heading'])));
          }}
          onClosed={confirm.closed}
        />
      )}
    </section>
  );
}
