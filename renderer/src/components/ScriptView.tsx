// The exact scripts of the current step, as the core will run them, with a Copy button. A step with several scripts
// (Prerequisites: the health check and the environment probe; a setup plan: one per step) offers one tab per script.
// The scripts come from the step's preview operations or from its screen (see the PowerShell store).
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { ApiError } from '../api/contract';
import { ApiErrorBar } from './ApiErrorBar';
import { CopyButton } from './CopyButton';
import { usePanelStyles } from './panelStyles';
import { ScriptTabs, scriptTabId, type ScriptTab } from './ScriptTabs';

const useStyles = makeStyles({
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  tabPanel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: '1 1 auto', minHeight: 0 },
});

/** The selected script: loading, failed, or its title and text. */
export interface ShownScript {
  readonly loading: boolean;
  readonly error: ApiError | null;
  readonly value: { readonly title: string; readonly script: string } | null;
}

interface ScriptViewProps {
  readonly tabs: readonly ScriptTab[];
  readonly selected: number;
  onSelect(index: number): void;
  /** The selected tab's script (null: there is none, then `empty` says why). */
  readonly shown: ShownScript | null;
  readonly empty: string;
}

export function ScriptView({ tabs, selected, onSelect, shown, empty }: ScriptViewProps) {
  const panel = usePanelStyles();
  const styles = useStyles();
  const current = tabs[selected] ?? tabs[0] ?? null;
  const script = shown?.value ?? null;

  const body = (
    <>
      {shown !== null && shown.loading && script === null && <Spinner size="tiny" label="Loading the script…" />}
      {shown?.error != null && <ApiErrorBar error={shown.error} />}
      {script !== null && (
        <pre
          role="group"
          className={panel.code}
          tabIndex={0}
          aria-labelledby="ps-script-heading"
          data-testid="ps-script"
          data-operation={current?.key}
        >
          <code>{script.script}</code>
        </pre>
      )}
    </>
  );

  return (
    <div className={panel.pane}>
      {tabs.length > 1 && (
        <ScriptTabs scripts={tabs} selected={selected} panelId="ps-script-panel" onSelect={onSelect} />
      )}
      <div className={panel.paneHeader}>
        <h3 id="ps-script-heading" className={panel.paneHeading}>
          {script === null ? 'Script' : `Script: ${script.title}`}
        </h3>
        {script !== null && <CopyButton text={script.script} what="Script" />}
      </div>
      {shown === null && <p className={styles.empty}>{empty}</p>}
      {tabs.length > 1 && current !== null ? (
        <div
          id="ps-script-panel"
          role="tabpanel"
          aria-labelledby={scriptTabId(current.key)}
          className={styles.tabPanel}
        >
          {body}
        </div>
      ) : (
        body
      )}
    </div>
  );
}
