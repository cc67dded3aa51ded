// A workload's outcome (any kind with a form: a service, an application pool, ...) as a headline, once its steps ran: the verification ("Restarted
// ReportSvc on WEB01: Running as CONTOSO\svc-app$."), or why the steps stopped (the core's message decodes 1069 and the
// WAS events with the fix), or — for a right a domain GPO defines — where to add the account instead; no success is
// claimed then.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RunStep, StepDetails } from '../../api/contract';
import { settled, stoppedStep } from '../../setup/steps';
import type { PlanWorkloadView } from '../../store/planWorkloads';
import { FORM_KIND_NAMES, formKind } from '../../workloads/registry';

/** The warnings of steps that succeeded: things to fix that did not stop them (a script others can change). */
export const warningsOf = (steps: readonly RunStep[]): string[] => steps.flatMap((s) => s.warnings ?? []);

/** "1 warning", "2 warnings". */
export const warningCount = (n: number): string => `${n} ${n === 1 ? 'warning' : 'warnings'}`;

export function WorkloadResult({ workload, steps }: { workload: PlanWorkloadView; steps: readonly RunStep[] }) {
  const own = steps.filter((s) => s.workloadId === workload.id);
  const last = own.at(-1);
  if (last === undefined) return null;
  const gpo = steps.find((s) => ((s.details ?? {}) as StepDetails).gpo !== undefined && !settled(s));
  const stopped = stoppedStep(steps);
  const common = { layout: 'multiline' as const, 'data-testid': 'workload-result', 'data-workload': workload.id };
  const warnings = warningsOf(own);
  if (own.every(settled) && warnings.length > 0) {
    return (
      <MessageBar intent="warning" {...common} data-result="done" data-warnings={warnings.length}>
        <MessageBarBody>
          <MessageBarTitle>{`${workload.description} on ${workload.host}: done, with ${warningCount(warnings.length)} to fix`}</MessageBarTitle>
          {`${last.message ?? ''} To fix: ${warnings.join(' ')}`.trim()}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (own.every(settled)) {
    return (
      <MessageBar intent="success" {...common} data-result="done">
        <MessageBarBody>
          <MessageBarTitle>{`${workload.description} on ${workload.host}: done`}</MessageBarTitle>
          {last.message ?? ''}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (gpo !== undefined) {
    return (
      <MessageBar intent="warning" {...common} data-result="gpo">
        <MessageBarBody>
          <MessageBarTitle>{`Not done: “${gpo.title}” must be granted in the GPO`}</MessageBarTitle>
          {`${workload.description} cannot run as the account until a domain administrator adds it to the GPO shown above and the policy is refreshed on ${workload.host}. Then run the step again.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (stopped === null) return null;
  return (
    <MessageBar intent="error" {...common} data-result="failed" data-step={stopped.id}>
      <MessageBarBody>
        <MessageBarTitle>{`${workload.description} does not run as the account yet: ${stopped.title} did not succeed`}</MessageBarTitle>
        {stopped.message ?? 'See the step above for what happened and what to do.'}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Words under a kind's own steps (its descriptor's stepWhy; null for other steps). */
export function workloadStepWhy(step: RunStep, account: string): string | null {
  for (const kind of FORM_KIND_NAMES) {
    const words = formKind(kind).stepWhy(step.kind, account);
    if (words !== null) return words;
  }
  return null;
}
