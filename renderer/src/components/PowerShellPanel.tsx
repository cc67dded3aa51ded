// The PowerShell panel: a region under the screen, behind a splitter. Collapsed to a slim bar ("PowerShell — 2
// scripts") until the admin opens it, and while the step has no script to show; open, it shows the exact scripts of
// the current step (from its preview operations, or supplied by its screen) and the live output of everything the
// core runs. Its height follows the splitter (mouse drag, or the keyboard: WAI-ARIA window splitter, see
// panelSize.ts), kept so the screen's primary action stays in view; open or not and the height are remembered.
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useNavigation } from '../store/navigationStore';
import { usePowerShell } from '../store/powershellStore';
import { stepById, type WizardStep } from '../store/steps';
import { LiveOutput } from './LiveOutput';
import { clampPanel, panelMax, splitterKey } from './panelSize';
import type { ScriptTab } from './ScriptTabs';
import { ScriptView, type ShownScript } from './ScriptView';

const useStyles = makeStyles({
  panel: {
    flex: '0 0 auto',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  splitter: {
    flex: '0 0 auto',
    height: '8px',
    cursor: 'row-resize',
    touchAction: 'none',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    '::after': {
      content: '""',
      width: '40px',
      height: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorNeutralStroke1,
      '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
    },
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  plainBar: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  heading: { margin: 0 },
  toggle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: {
    margin: 0,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    '@media (max-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr)', gridAutoRows: 'minmax(0, 1fr)' },
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}`,
    overflow: 'hidden',
    boxSizing: 'border-box',
  },
  outputOnly: { gridTemplateColumns: 'minmax(0, 1fr)' },
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

/** The workspace's height (the panel's parent: main area + panel), followed as the window resizes. */
function useAvailableHeight(panel: RefObject<HTMLElement | null>): number {
  const [available, setAvailable] = useState(() => window.innerHeight);
  useEffect(() => {
    const parent = panel.current?.parentElement;
    if (parent == null) return;
    const measure = () => setAvailable(parent.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(parent);
    return () => observer.disconnect();
  }, [panel]);
  return available;
}

function countWords(n: number): string {
  return n === 1 ? '1 script' : `${n} scripts`;
}

export function PowerShellPanel() {
  const styles = useStyles();
  const chosenOpen = usePowerShell((s) => s.open);
  const height = usePowerShell((s) => s.height);
  const setOpen = usePowerShell((s) => s.setOpen);
  const setHeight = usePowerShell((s) => s.setHeight);
  const step = stepById(useNavigation((s) => s.current));
  const select = usePowerShell((s) => s.select);
  const { tabs, selected, shown, empty } = useStepScripts(step);
  const section = useRef<HTMLElement>(null);
  const available = useAvailableHeight(section);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  useEffect(() => {
    for (const script of step.scripts) void usePowerShell.getState().loadPreview(script.method);
    // Coming back to a step shows its first script again.
    return () => usePowerShell.getState().select(step.id, null);
  }, [step]);

  // No script on this part (none yet): the bar alone, whatever the admin chose before. Once something has run, the
  // admin may still open it here for the live output (Find what runs as users shows its scripts there), for this
  // part only: the remembered choice is about scripts.
  const hasScript = tabs.length > 0 || shown !== null;
  const hasOutput = usePowerShell((s) => s.runs.length > 0);
  const [outputHere, setOutputHere] = useState<string | null>(null);
  const open = hasScript ? chosenOpen : hasOutput && outputHere === step.id;
  const canOpen = hasScript || hasOutput;
  const shownHeight = clampPanel(height, available);
  const label = hasScript
    ? `PowerShell — ${countWords(Math.max(tabs.length, 1))}`
    : `PowerShell — no script on this part${hasOutput ? ', live output' : ''}`;
  const toggle = (to: boolean) => {
    if (hasScript) setOpen(to);
    else setOutputHere(to ? step.id : null);
  };

  function onSplitterKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const move = splitterKey(event.key, open ? shownHeight : 0, available);
    if (move === null) return;
    event.preventDefault();
    if ('toggle' in move) toggle(!open);
    else {
      setHeight(move.height);
      if (!hasScript) setOutputHere(step.id);
    }
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: open ? shownHeight : 0 };
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const start = drag.current;
    if (start === null) return;
    setHeight(clampPanel(start.startHeight + start.startY - event.clientY, available));
    if (!hasScript) setOutputHere(step.id);
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
  }

  return (
    <section ref={section} className={styles.panel} aria-label="PowerShell" data-testid="ps-panel">
      {canOpen && (
        <div
          role="separator"
          aria-orientation="horizontal"
          aria-label="PowerShell panel size"
          aria-controls="ps-panel-body"
          aria-valuemin={0}
          aria-valuemax={panelMax(available)}
          aria-valuenow={open ? shownHeight : 0}
          aria-valuetext={open ? `${shownHeight} pixels tall` : 'Collapsed'}
          tabIndex={0}
          className={styles.splitter}
          onKeyDown={onSplitterKey}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          data-testid="ps-splitter"
        />
      )}
      <div className={canOpen ? styles.bar : mergeClasses(styles.bar, styles.plainBar)}>
        <h2 id="ps-panel-heading" className={styles.heading}>
          <Button
            appearance="subtle"
            className={styles.toggle}
            icon={open ? <ChevronDownRegular /> : <ChevronUpRegular />}
            aria-expanded={open}
            aria-controls="ps-panel-body"
            disabledFocusable={!canOpen}
            onClick={() => toggle(!open)}
            data-testid="ps-toggle"
          >
            {label}
          </Button>
        </h2>
        {!hasScript && empty !== '' && !open && <p className={styles.note}>{empty}</p>}
      </div>
      <div id="ps-panel-body" className={styles.body} style={{ height: `${shownHeight}px` }} hidden={!open}>
        {hasScript && (
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
        )}
        <LiveOutput />
      </div>
    </section>
  );
}
