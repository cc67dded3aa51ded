// At the top of every screen while the journal holds an unfinished run: what it was, when it started, where it was
// cut off, and Resume (the form shows its plan, read-only, on the right screen) or Set aside (runs.close; nothing in
// the directory changes). Resuming is safe: each step reads the directory again before it changes anything.
// Or, when the newest journal cannot be read (damaged, or from a newer wizard): which file, which line, what to do.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { formatClock } from '../../health/time';
import { interruptedStep, useRun } from '../../store/runStore';
import { ApiErrorBar } from '../ApiErrorBar';

const useStyles = makeStyles({
  banner: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  text: { display: 'block' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
});

/** The setup code (form, plan rules) loads with the setup screens, not with the first paint. */
async function resume(): Promise<void> {
  const { resumeOffered } = await import('../../setup/actions');
  resumeOffered();
}

export function ResumeBanner() {
  const styles = useStyles();
  const offered = useRun((s) => s.offered);
  const busy = useRun((s) => s.activity.kind !== 'idle');
  const error = useRun((s) => (s.error?.for === 'current' ? s.error.error : null));
  const setAside = useRun((s) => s.setAside);
  const unreadable = useRun((s) => s.unreadable);
  if (offered === null) {
    return (
      <>
        {/* A journal the core cannot read: its file, line and what to do, in the error bar's words and layout. */}
        {unreadable !== null && (
          <div className={styles.banner} data-testid="journal-problem">
            <ApiErrorBar
              error={{
                kind: `journal-${unreadable.kind}`,
                title: unreadable.title,
                message: unreadable.message,
                action: unreadable.action,
              }}
            />
          </div>
        )}
        {error !== null && <ApiErrorBar error={error} />}
      </>
    );
  }
  const cut = interruptedStep(offered);
  const started = formatClock(new Date(offered.createdAt), new Date());
  const where = cut === null ? '' : `, interrupted during "${cut.title}"`;
  return (
    <div className={styles.banner}>
      <MessageBar intent="warning" layout="multiline" data-testid="resume-banner">
        <MessageBarBody>
          <MessageBarTitle>Unfinished setup</MessageBarTitle>
          <span className={styles.text}>
            {`A setup of ${offered.account} was not finished (started ${started}${where}). Resume it, or set it aside: it then stays listed on the Summary with what it created, to undo there.`}
          </span>
          <span className={styles.buttons}>
            <Button appearance="primary" size="small" disabledFocusable={busy} onClick={() => void resume()}>
              Resume
            </Button>
            <Button size="small" disabledFocusable={busy} onClick={() => void setAside()}>
              Set aside
            </Button>
          </span>
        </MessageBarBody>
      </MessageBar>
      {error !== null && <ApiErrorBar error={error} />}
    </div>
  );
}
