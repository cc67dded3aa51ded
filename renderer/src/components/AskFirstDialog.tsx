// The wizard's "are you sure" dialog (Undo all, Open answers over typed answers): an alert dialog whose Cancel has the
// focus, so a stray Enter changes nothing.
//
// Why it stays mounted while it closes (useAskFirst): a closed Fluent dialog left in the page keeps its focus-trap
// sentinels, so it is unmounted once it is done; but unmounting it too early leaves `aria-hidden="true"` on #root for
// good (fluentui#35139: tabster lifts it 250 ms after the dialog closed, on a timer it drops when the dialog
// unmounts), and the whole page vanishes for screen readers. So a choice closes the dialog (open = false), and what it
// does runs, and the dialog is unmounted, only once the page is visible again (useAskFirst).
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** tabster shows the page again 250 ms after the modal closed; never wait longer than this. */
const PAGE_VISIBLE_WITHIN_MS = 1_000;

const pageHidden = (root: HTMLElement): boolean => root.getAttribute('aria-hidden') === 'true' || root.inert;

/**
 * Calls `then` once the app's root is neither aria-hidden nor inert (a MutationObserver: it runs before the next
 * input event), or after PAGE_VISIBLE_WITHIN_MS. Returns the cancel.
 */
function whenPageVisible(then: () => void): () => void {
  const root = document.getElementById('root');
  if (root === null || !pageHidden(root)) {
    then();
    return () => undefined;
  }
  const done = () => {
    observer.disconnect();
    clearTimeout(deadline);
    then();
  };
  const observer = new MutationObserver(() => {
    if (!pageHidden(root)) done();
  });
  observer.observe(root, { attributes: true, attributeFilter: ['aria-hidden', 'inert'] });
  const deadline = setTimeout(done, PAGE_VISIBLE_WITHIN_MS);
  return () => {
    observer.disconnect();
    clearTimeout(deadline);
  };
}

/**
 * An ask-first dialog's life in its parent: `subject` (what it asks about) while it asks or closes, `open` while it
 * asks. Mount the dialog while `subject` is not null, with `open`, and `closed` as its onClosed. A choice calls
 * `answer(effect)`: the dialog closes at once (asking again reopens it), and `effect` runs once it has closed and the
 * page is visible again — so an effect that leaves the screen (Open answers goes to Account) cannot unmount it early.
 */
export function useAskFirst<T>() {
  const [state, setState] = useState<{ subject: T; open: boolean } | null>(null);
  const effect = useRef<(() => void) | null>(null);
  // Stable callbacks: `closed` is an effect's dependency in AskFirstDialog.
  const ask = useCallback((subject: T) => {
    effect.current = null;
    setState({ subject, open: true });
  }, []);
  const answer = useCallback((then: () => void) => {
    effect.current = then;
    setState((s) => (s === null ? s : { ...s, open: false }));
  }, []);
  const closed = useCallback(() => {
    setState((s) => (s === null || s.open ? s : null));
    const then = effect.current;
    effect.current = null;
    then?.();
  }, []);
  return { subject: state?.subject ?? null, open: state?.open ?? false, ask, answer, closed };
}

interface AskFirstDialogProps {
  readonly open: boolean;
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
  /** Closed, and the page visible again: the parent may unmount it now. */
  onClosed(): void;
}

export function AskFirstDialog(props: AskFirstDialogProps) {
  const { open, title, describedBy, children, cancelId, confirmId, confirmLabel, onClosed } = props;
  useEffect(() => (open ? undefined : whenPageVisible(onClosed)), [open, onClosed]);
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_e, data) => !data.open && props.onCancel()}>
      <DialogSurface aria-describedby={describedBy}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button id={cancelId} onClick={props.onCancel}>
              Cancel
            </Button>
            <Button id={confirmId} appearance="primary" onClick={props.onConfirm}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
