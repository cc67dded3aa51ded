// The exact scripts of the current step, as the core will run them, with a Copy button. A step with several scripts
// (Prerequisites: the health check and the environment probe; a setup plan: one per step) offers one tab per script.
// The scripts come from the step's preview operations or from its screen (see the PowerShell store).
// Each `#region <title>` ... `#endregion` block (the shared helpers) is folded to its `#region` line behind a "Show
// helpers (N lines)" button, so the step's own commands come first; the text is all there (hidden, not removed), so
// Copy and a selection of the whole script give exactly what runs.
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { splitRegions, type ApiError, type ScriptPart } from '../api/contract';
import { ApiErrorBar } from './ApiErrorBar';
import { CopyButton } from './CopyButton';
import { usePanelStyles } from './panelStyles';
import { ScriptTabs, scriptTabId, type ScriptTab } from './ScriptTabs';

const useStyles = makeStyles({
  empty: { margin: 0, color: tokens.colorNeutralForeground2 },
  tabPanel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: '1 1 auto', minHeight: 0 },
  folds: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  regionLine: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

/** "Show helpers (42 lines)": the region's title in running text. The words stay the same once open: the button's
 *  aria-expanded and its chevron say whether the lines are shown. */
export function foldLabel(part: Extract<ScriptPart, { kind: 'region' }>): string {
  // "Helpers (defined once; the step follows)": the words in brackets are for the script's reader, not the button.
  const title = part.title.replace(/\s*\([^)]*\)\s*$/, '');
  const what = title === '' ? 'region' : title.charAt(0).toLowerCase() + title.slice(1);
  const lines = part.lineCount === 1 ? '1 line' : `${part.lineCount} lines`;
  return `Show ${what} (${lines})`;
}

/** The script's text, regions folded to their first line unless opened. */
function FoldedScript({
  parts,
  opened,
  idPrefix,
}: {
  parts: readonly ScriptPart[];
  opened: ReadonlySet<number>;
  idPrefix: string;
}) {
  const styles = useStyles();
  return (
    <code>
      {parts.map((part, index) => {
        if (part.kind === 'code') return part.text;
        const newline = part.text.indexOf('\n');
        const head = newline === -1 ? part.text : part.text.slice(0, newline + 1);
        const rest = newline === -1 ? '' : part.text.slice(newline + 1);
        return (
          <span key={index}>
            <span className={styles.regionLine}>{head}</span>
            <span id={`${idPrefix}-${index}`} hidden={!opened.has(index)}>
              {rest}
            </span>
          </span>
        );
      })}
    </code>
  );
}

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
  const parts = script === null ? [] : splitRegions(script.script);
  // Opened regions, by part index, for this script only: another tab or a new script starts folded again.
  const [opened, setOpened] = useState<{ text: string; parts: ReadonlySet<number> }>({ text: '', parts: new Set() });
  const openedParts = script !== null && opened.text === script.script ? opened.parts : new Set<number>();
  const toggle = (index: number) => {
    if (script === null) return;
    const next = new Set(openedParts);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setOpened({ text: script.script, parts: next });
  };
  const folds = parts.flatMap((part, index) => (part.kind === 'region' ? [{ part, index }] : []));

  const body = (
    <>
      {shown !== null && shown.loading && script === null && <Spinner size="tiny" label="Loading the script…" />}
      {shown?.error != null && <ApiErrorBar error={shown.error} />}
      {script !== null && folds.length > 0 && (
        <div className={styles.folds}>
          {folds.map(({ part, index }) => (
            <Button
              key={index}
              size="small"
              appearance="subtle"
              icon={openedParts.has(index) ? <ChevronDownRegular /> : <ChevronRightRegular />}
              aria-expanded={openedParts.has(index)}
              aria-controls={`ps-region-${index}`}
              onClick={() => toggle(index)}
            >
              {foldLabel(part)}
            </Button>
          ))}
        </div>
      )}
      {script !== null && (
        <pre
          role="group"
          className={panel.code}
          tabIndex={0}
          aria-labelledby="ps-script-heading"
          data-testid="ps-script"
          data-operation={current?.key}
        >
          <FoldedScript parts={parts} opened={openedParts} idPrefix="ps-region" />
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
