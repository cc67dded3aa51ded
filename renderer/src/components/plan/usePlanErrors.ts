// The form's problems now: the plan's own zod rules, what the live lookups found (the name is taken, an SPN is held
// elsewhere), and what the core said about the last plan it saw. Shown on a field once it was touched or its part
// submitted; the core's always. A resumed run's plan is read-only: nothing to check there.
import { useEffect, useMemo } from 'react';
import type { ApiError, PlanInput } from '../../api/contract';
import {
  FIELD_PART,
  issuesByField,
  spnLines,
  targetOf,
  toPlanInput,
  validateForm,
  type FieldErrors,
  type FieldKey,
  type FormContext,
} from '../../store/planForm';
import { usePlan, type PlanSteps } from '../../store/planStore';
import { useEnvironment } from '../../store/environmentStore';
import { noSuchComputer } from '../../setup/computerLookup';
import { isActive } from '../../setup/steps';
import { useRun } from '../../store/runStore';
import { plannedTaskOf } from '../../store/taskForm';
import { useTask } from '../../store/taskStore';
import { useMigration } from '../../store/migrationStore';
import { useWorkloads } from '../../store/workloadStore';
import { plannedWorkloads } from '../../setup/workloadActions';

export interface PlanErrors {
  /** Every problem that blocks the plan. */
  readonly all: FieldErrors;
  /** The problems to show now. */
  readonly shown: FieldErrors;
  /** Other words than errors under a field: the name is free, or an account of that name exists already. */
  readonly notes: Partial<Record<FieldKey, string>>;
  /** The core's problems that fit no field. */
  readonly other: readonly string[];
}

export function useFormContext(): FormContext {
  const computer = useEnvironment((s) => s.environment.value?.computer ?? null);
  const domain = useEnvironment((s) => s.environment.value?.domain ?? null);
  return useMemo(() => ({ computer, domain }), [computer, domain]);
}

/** The run holds the form: its plan can no longer be changed (set it aside or undo it first). */
export const useLocked = (): boolean => useRun((s) => isActive(s.run));

export function usePlanErrors(): PlanErrors {
  const ctx = useFormContext();
  const locked = useLocked();
  const form = usePlan((s) => s.form);
  const touched = usePlan((s) => s.touched);
  const submitted = usePlan((s) => s.submitted);
  const serverIssues = usePlan((s) => s.serverIssues);
  const nameCheck = usePlan((s) => s.nameCheck);
  const spnCheck = usePlan((s) => s.spnCheck);
  const targetCheck = usePlan((s) => s.targetCheck);

  return useMemo(() => {
    if (locked) return { all: {}, shown: {}, notes: {}, other: [] };
    const all = validateForm(form, ctx);
    const notes: Partial<Record<FieldKey, string>> = {};
    const name = form.name.trim().toLowerCase();
    const check = nameCheck?.key === name ? nameCheck : null;
    if (all.name === undefined && check?.value != null) {
      const { sam, available, holder, scope } = check.value;
      const where = scope === 'forest' ? 'the whole forest' : 'this domain (no global catalog answered)';
      if (available) notes.name = `${sam} is free (looked up in ${where}).`;
      else if (holder !== null && /ManagedServiceAccount/i.test(holder.objectClass)) {
        notes.name = `A service account ${sam} already exists (${holder.dn}). The run reuses it if its settings match this plan; otherwise it reports a conflict and changes nothing.`;
      } else {
        all.name = `${sam} is already used by ${holder === null ? 'another object' : `the ${holder.objectClass} ${holder.dn}`}: choose another name.`;
      }
    } else if (all.name === undefined && check?.loading === true) {
      notes.name = 'Checking whether the name is free…';
    } else if (all.name === undefined && check?.error != null) {
      notes.name = `Could not check whether the name is free (${check.error.title}); the run checks again before it creates anything.`;
    }
    // A typed target computer the directory does not have is refused here, before the plan runs (not at run time).
    const target = targetOf(form, ctx);
    if (all.targetComputer === undefined && targetCheck?.key === target && targetCheck.value === false) {
      all.targetComputer = noSuchComputer(target, ctx.domain ?? 'the domain');
    }
    const spns = spnLines(form.spns);
    if (all.spns === undefined && spnCheck?.value != null && spns.length > 0) {
      // Only what is still typed (the answer may be about an earlier list).
      const held = spnCheck.value.filter((h) => spns.some((s) => s.toLowerCase() === h.spn.toLowerCase()));
      if (held.length > 0) {
        all.spns = held
          .map(
            (h) =>
              `${h.spn} is already held by ${h.holder}: a duplicate SPN breaks Kerberos. Remove it here, or from that object.`,
          )
          .join(' ');
      }
    }
    const server = issuesByField(serverIssues);
    const shown: FieldErrors = {};
    for (const key of Object.keys(all) as FieldKey[]) {
      if (touched[key] === true || submitted[FIELD_PART[key]] === true) shown[key] = all[key];
    }
    for (const key of Object.keys(server.fields) as FieldKey[]) {
      shown[key] = server.fields[key];
      all[key] ??= server.fields[key];
    }
    return { all, shown, notes, other: server.other };
  }, [locked, form, ctx, touched, submitted, serverIssues, nameCheck, spnCheck, targetCheck]);
}

/** The steps plan.steps answered for the form as it is now (null while the form differs, or has no answer yet). */
export function useCurrentPreview(): { value: PlanSteps | null; loading: boolean; error: ApiError | null } {
  const input = usePlanInput();
  const preview = usePlan((s) => s.preview);
  return useMemo(() => {
    const current = preview !== null && preview.key === JSON.stringify(input);
    return current
      ? { value: preview.value, loading: preview.loading, error: preview.error }
      : { value: null, loading: false, error: null };
  }, [input, preview]);
}

/**
 * The plan as the forms hold it now: the account's answers, and the scheduled task once it is part of the plan. A
 * move from a user account comes with its workloads: its rules check them together (file rights where it runs), and
 * the account's steps it adds (groups copied, SPNs moved) show on Review.
 */
export function usePlanInput(): PlanInput {
  const ctx = useFormContext();
  const form = usePlan((s) => s.form);
  const planned = useTask((s) => s.planned);
  const taskForm = useTask((s) => s.form);
  const migration = useMigration((s) => s.input);
  const drafts = useWorkloads((s) => s.drafts);
  return useMemo(() => {
    const plan = toPlanInput(form, ctx);
    const task = plannedTaskOf(planned, taskForm);
    const withTask = task === null ? plan : { ...plan, task };
    if (migration === null) return withTask;
    // drafts: the workloads below are read from the store; listed so a changed one makes a new plan.
    void drafts;
    const workloads = plannedWorkloads() as NonNullable<PlanInput['workloads']>;
    return { ...withTask, ...(workloads.length === 0 ? {} : { workloads }), migration };
  }, [form, ctx, planned, taskForm, migration, drafts]);
}

const PREVIEW_MS = 300;

/** Asks the core for every step's exact script once the plan passes the rules (debounced); not while a run holds it. */
export function usePreviewLoader(): void {
  const input = usePlanInput();
  const form = usePlan((s) => s.form);
  const loadPreview = usePlan((s) => s.loadPreview);
  const ctx = useFormContext();
  const locked = useLocked();
  useEffect(() => {
    if (locked || Object.keys(validateForm(form, ctx)).length > 0) return;
    const timer = setTimeout(() => void loadPreview(input), PREVIEW_MS);
    return () => clearTimeout(timer);
  }, [input, form, ctx, locked, loadPreview]);
}
