// Copies text to the clipboard and says so: the label turns to "Copied" for a moment, and a status announces it.
// `text` may be a function, for text made at the moment of copying (the health report).
import { Button, type ButtonProps } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useVisuallyHiddenStyles } from './visuallyHidden';

type CopyState = 'idle' | 'copied' | 'failed';
const FEEDBACK_MS = 2000;

interface CopyButtonProps {
  readonly text: string | (() => string);
  /** What is copied, for the announcement: "Script" -> "Script copied to the clipboard." */
  readonly what: string;
  /** The button's label (default "Copy"). */
  readonly label?: string;
  /** A longer accessible name, when several Copy buttons share a screen; it starts with the label. */
  readonly accessibleName?: string;
  readonly size?: ButtonProps['size'];
  readonly disabled?: boolean;
}

export function CopyButton({ text, what, label = 'Copy', accessibleName, size = 'small', disabled }: CopyButtonProps) {
  const hidden = useVisuallyHiddenStyles();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <Button
        size={size}
        appearance="secondary"
        icon={state === 'copied' ? <CheckmarkRegular /> : <CopyRegular />}
        aria-label={state === 'copied' ? undefined : accessibleName}
        disabledFocusable={disabled}
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span className={hidden.root} role="status">
        {state === 'copied' && `${what} copied to the clipboard.`}
        {state === 'failed' && `Could not copy: select the ${what.toLowerCase()} and press Ctrl+C.`}
      </span>
    </>
  );
}
