// The PowerShell panel: a region under the screen, collapsed or open by a disclosure button in its heading. Open,
// it shows the exact scripts of the current step (from its preview operations, or supplied by its screen) and the
// live output of everything the core runs.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useNavigation } from '../store/navigationStore';
import { usePowerShell } from '../store/powershellStore';
import { stepById, type WizardStep } from '../store/steps';
import { LiveOutput } from './LiveOutput';
import type { ScriptTab } from './ScriptTabs';
import { ScriptView, type ShownScript } from './ScriptView';

const useStyles = makeStyles({
  panel: {
    flex: '0 0 auto',
    display: 'flex',
    flexDirection: 'column',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  toggle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    '@media (max-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr)', gridAutoRows: 'minmax(160px, 1fr)' },
    gap: tokens.spacingHorizontalL,
    height: '38vh',
    minHeight: '200px',
    padding: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalM}`,
    overflowY: 'auto',
  },
});

const NO_SCRIPT = 'This step runs no PowerShell.';

interface StepScripts {
  readonly tabs: readonly ScriptTab[];
  readonly selected: number;
  readonly shown: ShownScript | null;
  readonly empty: string;
}

/** The current step's tabs and selected script: its preview operations' answers, or what its screen supplied. */
function useStepScripts(step: WizardStep): StepScripts {
  const previews = usePowerShell((s) => s.previews);
  const supplied = usePowerShell((s) => s.supplied[step.id] ?? null);
  const selectedKey = usePowerShell((s) => s.selected[step.id] ?? null);
  if (step.scripts.length > 0) {
    const tabs = step.scripts.map((script) => ({ key: script.method, label: script.label }));
    const selected = Math.max(
      0,
      tabs.findIndex((t) => t.key === selectedKey),
    );
    const method = step.scripts[selected]?.method;
    const preview = method === undefined ? undefined : previews[method];
    const shown: ShownScript = {
      loading: preview === undefined || preview.loading,
      error: preview?.error ?? null,
      value: preview?.value ?? null,
    };
    return { tabs, selected, shown, empty: NO_SCRIPT };
  }
  const scripts = supplied?.scripts ?? [];
  const tabs = scripts.map((script) => ({ key: script.key, label: script.label }));
  const selected = Math.max(
    0,
    tabs.findIndex((t) => t.key === selectedKey),
  );
  const script = scripts[selected];
  const shown: ShownScript | null =
    script !== undefined
      ? { loading: false, error: null, value: script }
      : supplied !== null && (supplied.loading || supplied.error !== null)
        ? { loading: supplied.loading, error: supplied.error, value: null }
        : null;
  const waiting = 'supplied' in step && step.supplied ? 'Loading the scripts of this step…' : NO_SCRIPT;
  return { tabs, selected, shown, empty: supplied?.note || waiting };
}

export function PowerShellPanel() {
  const styles = useStyles();
  const open = usePowerShell((s) => s.open);
  const setOpen = usePowerShell((s) => s.setOpen);
  const step = stepById(useNavigation((s) => s.current));
  const select = usePowerShell((s) => s.select);
  const { tabs, selected, shown, empty } = useStepScripts(step);

  useEffect(() => {
    for (const script of step.scripts) void usePowerShell.getState().loadPreview(script.method);
    // Coming back to a step shows its first script again.
    return () => usePowerShell.getState().select(step.id, null);
  }, [step]);

  return (
    <section className={styles.panel} aria-labelledby="ps-panel-heading">
      <h2 id="ps-panel-heading" className={styles.heading}>
        <Button
          appearance="subtle"
          className={styles.toggle}
          icon={open ? <ChevronDownRegular /> : <ChevronUpRegular />}
          aria-expanded={open}
          aria-controls="ps-panel-body"
          onClick={() => setOpen(!open)}
        >
          PowerShell
        </Button>
      </h2>
      <div id="ps-panel-body" className={styles.body} hidden={!open}>
        <ScriptView
          tabs={tabs}
          selected={selected}
          onSelect={(index) => {
            const tab = tabs[index];
            if (tab !== undefined) select(step.id, tab.key);
          }}
          shown={shown}
          empty={empty}
        />
        <LiveOutput />
      </div>
    </section>
  );
}
