// The exact scripts of the current step, as the core will run them, with a Copy button. A step with several scripts
// (Prerequisites: the health check and the environment probe) offers one tab per script.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { usePowerShell } from '../store/powershellStore';
import type { StepScript } from '../store/steps';
import { ApiErrorBar } from './ApiErrorBar';
import { CopyButton } from './CopyButton';
import { usePanelStyles } from './panelStyles';
import { ScriptTabs, scriptTabId } from './ScriptTabs';

const useStyles = makeStyles({
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  tabPanel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: '1 1 auto', minHeight: 0 },
});

/** `scripts` are the current step's preview operations (none while the step has no script yet). */
export function ScriptView({ scripts }: { scripts: readonly StepScript[] }) {
  const panel = usePanelStyles();
  const styles = useStyles();
  const [selected, setSelected] = useState(0);
  const current = scripts[selected] ?? scripts[0] ?? null;
  const method = current?.method ?? null;
  const preview = usePowerShell((s) => (method === null ? null : (s.previews[method] ?? null)));
  const script = preview?.value ?? null;

  const body = (
    <>
      {method !== null && (preview === null || preview.loading) && <Spinner size="tiny" label="Loading the script…" />}
      {preview?.error != null && <ApiErrorBar error={preview.error} />}
      {script !== null && (
        <pre
          role="group"
          className={panel.code}
          tabIndex={0}
          aria-labelledby="ps-script-heading"
          data-testid="ps-script"
          data-operation={method ?? undefined}
        >
          <code>{script.script}</code>
        </pre>
      )}
    </>
  );

  return (
    <div className={panel.pane}>
      {scripts.length > 1 && (
        <ScriptTabs scripts={scripts} selected={selected} panelId="ps-script-panel" onSelect={setSelected} />
      )}
      <div className={panel.paneHeader}>
        <h3 id="ps-script-heading" className={panel.paneHeading}>
          {script === null ? 'Script' : `Script: ${script.title}`}
        </h3>
        {script !== null && <CopyButton text={script.script} what="Script" />}
      </div>
      {method === null && (
        <p className={styles.empty}>This step has no script yet: it arrives with the step’s feature issue.</p>
      )}
      {scripts.length > 1 && current !== null ? (
        <div id="ps-script-panel" role="tabpanel" aria-labelledby={scriptTabId(current)} className={styles.tabPanel}>
          {body}
        </div>
      ) : (
        body
      )}
    </div>
  );
}
