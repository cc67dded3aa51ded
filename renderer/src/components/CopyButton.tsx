// Copies text to the clipboard and says so: the label turns to "Copied" for a moment, and a status announces it.
import { Button } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useVisuallyHiddenStyles } from './visuallyHidden';

type CopyState = 'idle' | 'copied' | 'failed';
const FEEDBACK_MS = 2000;

export function CopyButton({ text, what }: { text: string; what: string }) {
  const hidden = useVisuallyHiddenStyles();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <Button
        size="small"
        appearance="secondary"
        icon={state === 'copied' ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span className={hidden.root} role="status">
        {state === 'copied' && `${what} copied to the clipboard.`}
        {state === 'failed' && `Could not copy: select the ${what.toLowerCase()} and press Ctrl+C.`}
      </span>
    </>
  );
}
