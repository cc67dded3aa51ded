// "Undo all" asks first: it deletes what the run created — the service account itself, its group, the task — and a
// service or task that already uses the account stops working. The dialog lists every object it will remove; Cancel
// has the focus, so a second Enter does not remove them.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { UndoActionInfo } from '../../api/contract';
import { AskFirstDialog } from '../AskFirstDialog';

const useStyles = makeStyles({
  objects: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: 'anywhere' },
  text: { margin: `0 0 ${tokens.spacingVerticalS}` },
});

/** Mounted while it asks or closes (useAskFirst). */
interface ConfirmUndoAllProps {
  readonly open: boolean;
  /** The undo actions still to do, newest first. */
  readonly actions: readonly UndoActionInfo[];
  /** Words for an object ("the service account CN=..."). */
  describe(object: UndoActionInfo['created'][number]): string;
  onConfirm(): void;
  onCancel(): void;
  onClosed(): void;
}

export function ConfirmUndoAll({ open, actions, describe, onConfirm, onCancel, onClosed }: ConfirmUndoAllProps) {
  const styles = useStyles();
  const objects = actions.flatMap((a) => a.created);
  return (
    <AskFirstDialog
      open={open}
      onClosed={onClosed}
      title={`Remove the ${objects.length} objects this run created?`}
      describedBy="undo-all-what"
      cancelId="undo-all-cancel"
      confirmId="undo-all-confirm"
      confirmLabel="Remove them"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p id="undo-all-what" className={styles.text}>
        Newest first, the wizard removes these; anything already using them (a service, a scheduled task) stops working.
        What the run found and reused stays.
      </p>
      <ul className={styles.objects} data-testid="undo-all-list">
        {objects.map((o) => (
          <li key={`${o.kind}:${o.identity}:${o.parent ?? ''}`}>{describe(o)}</li>
        ))}
      </ul>
    </AskFirstDialog>
  );
}
