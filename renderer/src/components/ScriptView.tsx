// The exact script of the current step, as the core will run it, with a Copy button.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { usePowerShell, type PreviewMethod } from '../store/powershellStore';
import { ApiErrorBar } from './ApiErrorBar';
import { CopyButton } from './CopyButton';
import { usePanelStyles } from './panelStyles';

const useStyles = makeStyles({
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** `method` is the current step's preview operation, or null while the step has no script. */
export function ScriptView({ method }: { method: PreviewMethod | null }) {
  const panel = usePanelStyles();
  const styles = useStyles();
  const preview = usePowerShell((s) => (method === null ? null : (s.previews[method] ?? null)));
  const script = preview?.value ?? null;
  return (
    <div className={panel.pane}>
      <div className={panel.paneHeader}>
        <h3 id="ps-script-heading" className={panel.paneHeading}>
          {script === null ? 'Script' : `Script: ${script.title}`}
        </h3>
        {script !== null && <CopyButton text={script.script} what="Script" />}
      </div>
      {method === null && (
        <p className={styles.empty}>This step has no script yet: it arrives with the step’s feature issue.</p>
      )}
      {method !== null && (preview === null || preview.loading) && <Spinner size="tiny" label="Loading the script…" />}
      {preview?.error != null && <ApiErrorBar error={preview.error} />}
      {script !== null && (
        <pre
          role="group"
          className={panel.code}
          tabIndex={0}
          aria-labelledby="ps-script-heading"
          data-testid="ps-script"
        >
          <code>{script.script}</code>
        </pre>
      )}
    </div>
  );
}
