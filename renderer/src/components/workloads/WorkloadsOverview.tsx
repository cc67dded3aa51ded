// The plan's workloads at a glance (kind, computer, what, how far its steps got) and a button per kind to add one:
// "Add a scheduled task" opens the task's form (one task per plan on this screen); every other kind's button (its
// descriptor's words, renderer/src/workloads/) opens a new form each time (several per plan, on any computer that can
// use the account).
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { RunStep, WorkloadKindName } from '../../api/contract';
import { focusById } from '../../setup/focus';
import { startWorkload } from '../../setup/workloadActions';
import { stepsOfWorkload, workloadProgress, type PlanWorkloadView } from '../../store/planWorkloads';
import { useRun } from '../../store/runStore';
import { useTask } from '../../store/taskStore';
import { useWorkloads } from '../../store/workloadStore';
import { formKindOf } from '../../workloads/registry';
import { useCardStyles } from '../cardStyles';
import { ADD_TASK_LABEL } from '../task/TaskSection';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  what: { fontWeight: tokens.fontWeightSemibold },
  progress: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface OverviewProps {
  readonly workloads: readonly PlanWorkloadView[];
  readonly steps: readonly RunStep[];
  readonly target: string;
  /** The kinds this version knows (the registry's order). */
  readonly kinds: readonly WorkloadKindName[];
  /** The task's form is showing (its button then takes the keyboard there). */
  readonly showTask: boolean;
}

export function WorkloadsOverview({ workloads, steps, target, kinds, showTask }: OverviewProps) {
  const card = useCardStyles();
  const styles = useStyles();
  const busy = useRun((s) => s.activity.kind !== 'idle');

  function add(kind: WorkloadKindName) {
    const form = formKindOf(kind);
    if (form === undefined) {
      // The scheduled task: its own form, opened (not added: one per plan here).
      useWorkloads.getState().setTaskOpen(true);
      focusById(showTask ? 'task-name' : 'task-form-heading', false);
      return;
    }
    // A task form nobody touched gives way to the new workload (it comes back with "Add a scheduled task").
    const task = useTask.getState();
    if (!task.planned && Object.keys(task.touched).length === 0) useWorkloads.getState().setTaskOpen(false);
    const id = startWorkload(form.kind, target);
    focusById(`${id}-heading`, false);
  }

  return (
    <section className={card.card} aria-labelledby="workloads-heading" data-testid="workloads">
      <div className={card.cardHeader}>
        <h2 id="workloads-heading" className={card.cardHeading} tabIndex={-1}>
          What runs as the account
        </h2>
      </div>
      {workloads.length === 0 ? (
        <p className={card.note}>
          Nothing yet: add a scheduled task, a Windows service or an IIS application pool below, then add it to the
          plan.
        </p>
      ) : (
        <ul className={card.list} aria-label="Workloads of the plan">
          {workloads.map((w) => (
            <li key={w.id} className={styles.item} data-workload={w.id}>
              <span className={styles.what}>{`${w.label} on ${w.host}: ${w.description}`}</span>
              <span className={styles.progress} data-testid="workload-progress">
                {workloadProgress(stepsOfWorkload(steps, w))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        {kinds.map((kind) => (
          <Button
            key={kind}
            id={`add-${kind}`}
            icon={<AddRegular />}
            disabledFocusable={busy}
            onClick={() => add(kind)}
          >
            {formKindOf(kind)?.addLabel ?? ADD_TASK_LABEL}
          </Button>
        ))}
      </div>
    </section>
  );
}
