// Open answers asks first when the forms hold answers the file would replace: what the admin typed is kept nowhere
// else. The dialog names what goes; Cancel has the focus, so a stray Enter keeps the typed answers.
import { AskFirstDialog } from './AskFirstDialog';

/** Mounted while it asks or closes (useAskFirst). */
interface ConfirmReplaceAnswersProps {
  readonly open: boolean;
  readonly fileName: string;
  /** What the forms hold now, in words (answersReplaced). */
  readonly replaced: string;
  onConfirm(): void;
  onCancel(): void;
  onClosed(): void;
}

export function ConfirmReplaceAnswers({
  open,
  fileName,
  replaced,
  onConfirm,
  onCancel,
  onClosed,
}: ConfirmReplaceAnswersProps) {
  return (
    <AskFirstDialog
      open={open}
      onClosed={onClosed}
      title={`Replace your answers with ${fileName}?`}
      describedBy="replace-answers-what"
      cancelId="replace-answers-cancel"
      confirmId="replace-answers-confirm"
      confirmLabel="Replace them"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p id="replace-answers-what" data-testid="replace-answers-what">
        {`The forms hold ${replaced}. Opening ${fileName} replaces them, and they are not kept: to keep them, cancel and use Save answers first.`}
      </p>
    </AskFirstDialog>
  );
}
