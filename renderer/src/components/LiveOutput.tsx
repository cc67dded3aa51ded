// What the core's runs say, as they say it: one block per run (operation, its output lines, how it ended).
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { usePowerShell, type OutputStream, type RunOutput } from '../store/powershellStore';
import { usePanelStyles } from './panelStyles';

const useStyles = makeStyles({
  run: { margin: 0, padding: 0, listStyleType: 'none' },
  runHeader: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  line: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  output: { color: tokens.colorNeutralForeground1 },
  information: { color: tokens.colorNeutralForeground2 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  error: { color: tokens.colorStatusDangerForeground3 },
  succeeded: { color: tokens.colorStatusSuccessForeground3 },
  failed: { color: tokens.colorStatusDangerForeground3 },
  running: { color: tokens.colorNeutralForeground2 },
  empty: { color: tokens.colorNeutralForeground2 },
});

const PREFIX: Record<OutputStream, string> = { output: '', information: '', warning: 'WARNING: ', error: 'ERROR: ' };

function runEnding(run: RunOutput): string {
  if (run.status === 'running') return 'Running…';
  const time = `${run.ms ?? 0} ms`;
  return run.status === 'succeeded' ? `Finished in ${time}` : `Failed after ${time}`;
}

export function LiveOutput() {
  const panel = usePanelStyles();
  const styles = useStyles();
  const runs = usePowerShell((s) => s.runs);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = log.current;
    if (el !== null) el.scrollTop = el.scrollHeight;
  }, [runs]);

  return (
    <div className={panel.pane}>
      <div className={panel.paneHeader}>
        <h3 id="ps-output-heading" className={panel.paneHeading}>
          Live output
        </h3>
      </div>
      <div ref={log} role="log" aria-labelledby="ps-output-heading" tabIndex={0} className={panel.code}>
        {runs.length === 0 && <span className={styles.empty}>Nothing has run yet.</span>}
        {runs.map((run) => (
          <ul key={run.runId} className={styles.run} data-run-operation={run.operation} data-run-status={run.status}>
            <li className={styles.runHeader}>{`> ${run.operation}`}</li>
            {run.lines.map((line, index) => (
              <li key={index} className={mergeClasses(styles.line, styles[line.stream])}>
                {PREFIX[line.stream] + line.text}
              </li>
            ))}
            <li className={styles[run.status]}>{runEnding(run)}</li>
          </ul>
        ))}
      </div>
    </div>
  );
}
