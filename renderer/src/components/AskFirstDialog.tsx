// The wizard's "are you sure" dialog (Undo all, Open answers over typed answers): an alert dialog whose Cancel has the
// focus, so a stray Enter changes nothing.
//
// Why it closes in two steps: the parent mounts it only while it asks (a closed Fluent dialog left in the page keeps
// its focus-trap sentinels), but unmounting a Fluent Dialog while it is open leaves `aria-hidden="true"` on #root
// (fluentui#35139, tabster's modalizer): the whole page would vanish for screen readers and role queries. So a choice
// first closes the dialog (open = false); tabster lifts aria-hidden from the page 250 ms later, on a timer it drops if
// the dialog unmounts first. Only once the page is visible again is the parent told, and unmounts it.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** If the exit motion never reports its end (no animation at all), the choice is passed on after this long. */
const EXIT_FALLBACK_MS = 600;
/** tabster shows the page again 250 ms after the modal closed; wait for it, but never longer than this. */
const PAGE_VISIBLE_WITHIN_MS = 1_000;

/** Calls `then` once the app's root is no longer aria-hidden (or after PAGE_VISIBLE_WITHIN_MS). */
function whenPageVisible(then: () => void, deadline = performance.now() + PAGE_VISIBLE_WITHIN_MS): void {
  const hidden = document.getElementById('root')?.getAttribute('aria-hidden') === 'true';
  if (hidden && performance.now() < deadline) setTimeout(() => whenPageVisible(then, deadline), 25);
  else then();
}

interface AskFirstDialogProps {
  readonly title: string;
  /** The id of the element in `children` that says what would happen (the dialog's description). */
  readonly describedBy: string;
  readonly children: ReactNode;
  /** The ids of the two buttons (tests and focus restoring find them by id). */
  readonly cancelId: string;
  readonly confirmId: string;
  readonly confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function AskFirstDialog(props: AskFirstDialogProps) {
  const { title, describedBy, children, cancelId, confirmId, confirmLabel } = props;
  const [open, setOpen] = useState(true);
  const chosen = useRef<(() => void) | null>(null);
  const fallback = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(fallback.current), []);

  /** Passes the choice on once, when the dialog has closed and the page is visible again. */
  const finish = () => {
    clearTimeout(fallback.current);
    const then = chosen.current;
    chosen.current = null;
    if (then !== null) whenPageVisible(then);
  };
  const choose = (then: () => void) => {
    if (chosen.current !== null || !open) return;
    chosen.current = then;
    setOpen(false);
    fallback.current = setTimeout(finish, EXIT_FALLBACK_MS);
  };

  return (
    <Dialog
      modalType="alert"
      open={open}
      onOpenChange={(_e, data) => !data.open && choose(props.onCancel)}
      surfaceMotion={{ onMotionFinish: (_e, data) => data.direction === 'exit' && finish() }}
    >
      <DialogSurface aria-describedby={describedBy}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button id={cancelId} onClick={() => choose(props.onCancel)}>
              Cancel
            </Button>
            <Button id={confirmId} appearance="primary" onClick={() => choose(props.onConfirm)}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
