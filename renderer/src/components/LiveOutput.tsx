// What the core's runs say, as a transcript: one block per run — what it was (in words, and the `PS>` command line an
// admin would have typed), what PowerShell said (warnings, errors), the outcome in words, and how it ended.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { RunInfo } from '../api/contract';
import { usePowerShell, type OutputStream, type RunOutput } from '../store/powershellStore';
import { useRun } from '../store/runStore';
import { outputWords, transcriptHeader } from './liveTranscript';
import { usePanelStyles } from './panelStyles';

const useStyles = makeStyles({
  run: { margin: 0, padding: 0, listStyleType: 'none' },
  runHeader: { color: tokens.colorNeutralForeground2 },
  command: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
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

/** A setup step's outcome in the run's words (its message), for the step's latest attempt; null for other runs. */
function stepOutcome(output: RunOutput, latest: boolean, run: RunInfo | null): string | null {
  const [method, stepId] = output.operation.split(':');
  if (method !== 'runs.step' || !latest || output.status === 'running') return null;
  return run?.steps.find((s) => s.id === stepId)?.message ?? null;
}

function runEnding(run: RunOutput): string {
  if (run.status === 'running') return 'Running…';
  const time = `${run.ms ?? 0} ms`;
  return run.status === 'succeeded' ? `Finished in ${time}` : `Failed after ${time}`;
}

export function LiveOutput() {
  const panel = usePanelStyles();
  const styles = useStyles();
  const runs = usePowerShell((s) => s.runs);
  const setupRun = useRun((s) => s.run);
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
        {runs.map((run, index) => {
          const header = transcriptHeader(run.operation, run.script, setupRun);
          const latest = !runs.slice(index + 1).some((r) => r.operation === run.operation);
          const outcome = stepOutcome(run, latest, setupRun);
          return (
            <ul key={run.runId} className={styles.run} data-run-operation={run.operation} data-run-status={run.status}>
              <li className={styles.runHeader}>{`# ${header.what}`}</li>
              {header.command !== null && <li className={styles.command}>{`PS> ${header.command}`}</li>}
              {run.lines.map((line, lineIndex) => {
                const words = outputWords(line.stream, line.text);
                return words === null ? null : (
                  <li key={lineIndex} className={mergeClasses(styles.line, styles[line.stream])}>
                    {PREFIX[line.stream] + words}
                  </li>
                );
              })}
              {outcome !== null && <li className={mergeClasses(styles.line, styles.output)}>{outcome}</li>}
              <li className={styles[run.status]}>{runEnding(run)}</li>
            </ul>
          );
        })}
      </div>
    </div>
  );
}
