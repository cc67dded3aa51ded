// One workload (any kind with a form: a service, an application pool, ...) on the Use the account screen: its form, "Add to the plan / run" (or "Update"),
// "Remove", and a status line that says whether it is part of the plan or the run, has unsaved edits, or can no longer
// be changed (the run changed the host for it). The newest card's Add and Remove sit in the screen's sticky action bar
// (ScreenLayout's slot, as the task's do), so they stay in view below a long form at 1280x720; the others keep theirs.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { createPortal } from 'react-dom';
import { settingsKindOf } from '../../api/contract';
import { isActive } from '../../setup/steps';
import { useAdding } from '../../setup/addGuard';
import { addWorkload, removeWorkload, runWorkloadEntry, unsavedInRun } from '../../setup/workloadActions';
import { useRun } from '../../store/runStore';
import { useWorkloads, type WorkloadDraft } from '../../store/workloadStore';
import { ApiErrorBar } from '../ApiErrorBar';
import { useCardStyles } from '../cardStyles';
import { useScreenActionsSlot } from '../ScreenLayout';
import { useWorkloadErrors, useWorkloadLock, type WorkloadLock } from './WorkloadFields';
import { WorkloadForm } from './WorkloadForm';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

function statusWords(
  lock: WorkloadLock,
  what: string,
  host: string,
  planned: boolean,
  inRun: boolean,
  unsaved: boolean,
) {
  if (lock === 'registered')
    return `${what} on ${host} was changed by this run: its settings can no longer be changed.`;
  if (lock === 'cut-off') return `A step of ${what} was cut off: run it again below; until then it cannot be changed.`;
  if (lock === 'undoing') return 'This run is being undone: its workloads can no longer be changed.';
  if (unsaved) return `${what} has changes the run does not have yet: press “Update”.`;
  if (inRun) return `${what} is part of this run: run its steps below.`;
  if (planned) return `${what} is part of the plan: its steps run after Install & test.`;
  return '';
}

export function WorkloadCard({ draft, here }: { draft: WorkloadDraft; here: string | null }) {
  const card = useCardStyles();
  const styles = useStyles();
  const busy = useRun((s) => s.activity.kind !== 'idle');
  // Its Add is under way (the computer looked up first): one click sends one change.
  const checking = useAdding((s) => s.adding[draft.id] === true);
  const run = useRun((s) => s.run);
  const error = useRun((s) =>
    s.error?.for === 'workload' && s.error.error.issues === undefined ? s.error.error : null,
  );
  const mine = useWorkloads((s) => s.lastCall === draft.id);
  const lock = useWorkloadLock(draft.id);
  const newest = useWorkloads((s) => s.drafts[s.drafts.length - 1]?.id === draft.id);
  const slot = useScreenActionsSlot();
  const errors = useWorkloadErrors(draft, lock !== null);
  const active = isActive(run) ? run : null;
  const inRun = active !== null && runWorkloadEntry(active, draft.id) !== null;
  const unsaved = lock === null && unsavedInRun(active, draft);
  const label = settingsKindOf(draft.kindForm.kind)?.label ?? draft.kindForm.kind;
  const name = draft.kindForm.form.name.trim();
  const what = name === '' ? `This ${label.toLowerCase()}` : `${label} ${name}`;
  const added = active === null ? draft.planned : inRun;
  const headingId = `${draft.id}-heading`;
  // In the action bar, away from the card: the card's heading describes them (which workload they add or remove).
  const actions =
    lock === null ? (
      <div className={styles.actions}>
        <Button
          id={`${draft.id}-add`}
          appearance="primary"
          icon={added ? <SaveRegular /> : <AddRegular />}
          disabledFocusable={busy || checking}
          aria-describedby={headingId}
          onClick={() => void addWorkload(draft.id)}
        >
          {checking ? 'Checking…' : added ? 'Update' : active === null ? 'Add to the plan' : 'Add to the run'}
        </Button>
        <Button
          id={`${draft.id}-remove`}
          icon={<DeleteRegular />}
          disabledFocusable={busy}
          aria-describedby={headingId}
          onClick={() => void removeWorkload(draft.id)}
        >
          Remove
        </Button>
      </div>
    ) : null;
  return (
    <section className={card.card} aria-labelledby={headingId} data-workload={draft.id}>
      <div className={card.cardHeader}>
        <h2 id={headingId} className={card.cardHeading} tabIndex={-1}>
          {name === '' ? label : `${label}: ${name}`}
        </h2>
      </div>
      <WorkloadForm draft={draft} here={here} locked={lock !== null} />
      {actions !== null && (newest && slot !== null ? createPortal(actions, slot) : actions)}
      <p role="status" className={card.note} data-testid={`${draft.id}-status`}>
        {statusWords(lock, what, draft.host, draft.planned, inRun, unsaved)}
      </p>
      {errors.other.map((o) => (
        <p key={o} role="alert" className={card.note}>
          {o}
        </p>
      ))}
      {error !== null && mine && <ApiErrorBar error={error} />}
    </section>
  );
}
