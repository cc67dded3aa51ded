// The fields of every kind's form (WorkloadForm.tsx), bound to one workload of the store by its plan id: text, a choice,
// a switch-like checkbox; each shows its kind's rule when broken (once touched, or after "Add"), the core's word on
// the last version sent, and is read-only once the run has changed the host for it (the core's lock rule).
import { Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { workloadLockReason } from '../../api/contract';
import { isActive } from '../../setup/steps';
import { runWorkloadEntry } from '../../setup/workloadActions';
import { useRun } from '../../store/runStore';
import {
  validateWorkload,
  workloadFieldDomId,
  workloadServerIssues,
  type WorkloadFieldErrors,
  type WorkloadFieldKey,
} from '../../store/workloadForms';
import { useWorkloads, type WorkloadDraft } from '../../store/workloadStore';
import { FormChoice, type FormChoiceOption } from '../fields/FormChoice';
import { FormText, type FormTextProps } from '../fields/FormText';
import { runsAsUser, useHostLists } from './hostLists';

export const useFieldStyles = makeStyles({
  why: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  ack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
});

export type WorkloadLock = 'registered' | 'cut-off' | 'undoing' | null;

/** Why the workload can no longer be changed in this run, or null while it can (the core's own rule). */
export function useWorkloadLock(id: string): WorkloadLock {
  return useRun((s) => {
    if (!isActive(s.run)) return null;
    if (s.run.undo.some((u) => u.status === 'done')) return 'undoing';
    return workloadLockReason(s.run.steps, id);
  });
}

export function useDraft(id: string): WorkloadDraft | undefined {
  return useWorkloads((s) => s.drafts.find((d) => d.id === id));
}

export interface WorkloadErrors {
  readonly shown: WorkloadFieldErrors;
  readonly other: readonly string[];
}

/** The workload's problems now: its rules (shown once touched or submitted) and the core's (always shown). */
export function useWorkloadErrors(draft: WorkloadDraft, locked: boolean): WorkloadErrors {
  const run = useRun((s) => s.run);
  const lists = useHostLists((s) => s.lists);
  return useMemo(() => {
    if (locked) return { shown: {}, other: [] };
    const f = draft.kindForm;
    const asUser = runsAsUser(f.kind, draft.host, f.form.mode, f.form.name, lists) === true;
    const all = validateWorkload(f, draft.host, asUser);
    const index =
      (isActive(run) ? runWorkloadEntry(run, draft.id)?.index : undefined) ??
      (isActive(run) && Array.isArray(run.plan.workloads) ? run.plan.workloads.length : 0);
    const server = workloadServerIssues(f.kind, draft.serverIssues, index);
    const shown: WorkloadFieldErrors = {};
    for (const key of Object.keys(all) as WorkloadFieldKey[]) {
      if (draft.submitted || draft.touched[key]) shown[key] = all[key];
    }
    for (const key of Object.keys(server.fields) as WorkloadFieldKey[]) shown[key] ??= server.fields[key];
    return { shown, other: server.other };
  }, [draft, locked, run, lists]);
}

interface WorkloadTextProps extends Pick<FormTextProps, 'label' | 'hint' | 'placeholder' | 'required'> {
  readonly draft: WorkloadDraft;
  /** 'host', 'name', or a text field of the kind's form. */
  readonly field: WorkloadFieldKey;
  readonly errors: WorkloadErrors;
  readonly locked: boolean;
}

export function WorkloadText({ draft, field, errors, locked, ...props }: WorkloadTextProps) {
  const update = useWorkloads((s) => s.update);
  const setHost = useWorkloads((s) => s.setHost);
  const touch = useWorkloads((s) => s.touch);
  const form = draft.kindForm.form;
  const value = field === 'host' ? draft.host : form[field];
  return (
    <FormText
      {...props}
      id={workloadFieldDomId(draft.id, field)}
      error={errors.shown[field]}
      value={typeof value === 'string' ? value : ''}
      readOnly={locked}
      onChange={(text) => (field === 'host' ? setHost(draft.id, text) : update(draft.id, { [field]: text }, [field]))}
      onBlur={() => touch(draft.id, field)}
      data-field={field}
    />
  );
}

interface WorkloadChoiceProps<V extends string> {
  readonly draft: WorkloadDraft;
  /** 'mode', or a choice of the kind's form. */
  readonly field: WorkloadFieldKey;
  readonly label: string;
  readonly hint?: string;
  readonly errors: WorkloadErrors;
  readonly locked: boolean;
  readonly options: readonly FormChoiceOption<V>[];
}

export function WorkloadChoice<V extends string>({ draft, field, errors, locked, ...props }: WorkloadChoiceProps<V>) {
  const update = useWorkloads((s) => s.update);
  const value = draft.kindForm.form[field];
  return (
    <FormChoice
      {...props}
      id={workloadFieldDomId(draft.id, field)}
      error={errors.shown[field]}
      // '' (No Managed Code) is a value too: only a missing one falls back to the first option.
      value={(typeof value === 'string' ? value : props.options[0]?.value) as V}
      disabled={locked}
      onChange={(v) => update(draft.id, { [field]: v }, [field])}
    />
  );
}

interface WorkloadCheckProps {
  readonly draft: WorkloadDraft;
  /** 'acknowledgeNoRestore', or the kind's check (restart, recycle). */
  readonly field: WorkloadFieldKey;
  readonly label: string;
  readonly locked: boolean;
  /** The id of words that explain the choice (aria-describedby). */
  readonly describedBy?: string;
}

export function WorkloadCheck({ draft, field, label, locked, describedBy }: WorkloadCheckProps) {
  const update = useWorkloads((s) => s.update);
  const checked = draft.kindForm.form[field] === true;
  return (
    <Checkbox
      id={workloadFieldDomId(draft.id, field)}
      label={label}
      checked={checked}
      disabled={locked}
      aria-describedby={describedBy}
      onChange={(_e, data) => update(draft.id, { [field]: data.checked === true }, [field])}
    />
  );
}
