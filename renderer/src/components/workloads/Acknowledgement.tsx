// "Undo cannot put the user account back": shown when the existing service or pool runs as a user account now (the
// picker's list says so), when that is not known here (another computer), or was acknowledged already. A labelled
// checkbox, described by the reason, in the Tab order.
import { workloadFieldDomId } from '../../store/workloadForms';
import type { WorkloadDraft } from '../../store/workloadStore';
import { useFieldStyles, WorkloadCheck, type WorkloadErrors } from './WorkloadFields';

interface AcknowledgementProps {
  readonly draft: WorkloadDraft;
  readonly why: string;
  /** The kind's word for one ('service', 'application pool'), for the label. */
  readonly what: string;
  readonly errors: WorkloadErrors;
  readonly locked: boolean;
  /** The picker's list says it runs as a user account now (else: not known here, e.g. on another computer). */
  readonly known: boolean;
}

export function Acknowledgement({ draft, why, what, errors, locked, known }: AcknowledgementProps) {
  const styles = useFieldStyles();
  const whyId = `${workloadFieldDomId(draft.id, 'acknowledgeNoRestore')}-why`;
  const error = errors.shown.acknowledgeNoRestore;
  return (
    <div className={styles.ack} data-testid="no-restore-acknowledgement">
      <p id={whyId} className={styles.why}>
        {known
          ? `This ${what} runs as a user account now. ${why}`
          : `The wizard cannot list this computer's ${what}s from here: if this one runs as a user account now, its steps stop until you tick this. ${why}`}
      </p>
      <WorkloadCheck
        draft={draft}
        field="acknowledgeNoRestore"
        label="I understand: undo will not put that user account back"
        locked={locked}
        describedBy={error === undefined ? whyId : `${whyId} ${whyId}-error`}
      />
      {error !== undefined && (
        <p id={`${whyId}-error`} role="alert" className={styles.why}>
          {error}
        </p>
      )}
    </div>
  );
}
