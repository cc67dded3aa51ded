// "Undo all" asks first: it deletes what the run created — the service account itself, its group, the task — and a
// service or task that already uses the account stops working. The dialog lists every object it will remove; Cancel
// has the focus, so a second Enter does not remove them. An object an earlier run of this wizard created and set aside,
// which this run found and took over (its journal is the evidence), is removed too, and the dialog says so.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { UndoActionInfo } from '../../api/contract';
import { formatWhen } from '../../format/when';
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
  /** Whose objects: "this run" (default), or "the run set aside". */
  readonly whose?: string;
  onConfirm(): void;
  onCancel(): void;
  onClosed(): void;
}

export function ConfirmUndoAll(props: ConfirmUndoAllProps) {
  const { open, actions, describe, onConfirm, onCancel, onClosed, whose = 'this run' } = props;
  const styles = useStyles();
  const objects = actions.flatMap((a) => a.created);
  const inherited = actions.flatMap((a) => a.inherited);
  return (
    <AskFirstDialog
      open={open}
      onClosed={onClosed}
      title={`Remove ${objects.length === 1 ? 'the object' : `the ${objects.length} objects`} ${whose} ${inherited.length > 0 ? 'created or took over' : 'created'}?`}
      describedBy="undo-all-what"
      cancelId="undo-all-cancel"
      confirmId="undo-all-confirm"
      confirmLabel="Remove them"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p id="undo-all-what" className={styles.text}>
        Newest first, the wizard removes these; anything already using them (a service, a scheduled task) stops working.
        {inherited.length === 0 && 'What the run found and reused stays.'}
      </p>
      {inherited.length > 0 && (
        <p className={styles.text} data-testid="undo-all-inherited">
          {inherited
            .map(
              (i) =>
                `${describe(i.object)} was created by an earlier run of this wizard (set aside ${formatWhen(i.setAsideAt)}) and is removed too.`,
            )
            .join(' ')}{' '}
          What existed before the wizard stays.
        </p>
      )}
      <ul className={styles.objects} data-testid="undo-all-list">
        {objects.map((o) => (
          <li key={`${o.kind}:${o.identity}:${o.parent ?? ''}`}>{describe(o)}</li>
        ))}
      </ul>
    </AskFirstDialog>
  );
}
