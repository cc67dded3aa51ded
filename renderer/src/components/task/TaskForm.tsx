// The scheduled task's settings, as Task Scheduler's own dialog groups them: General (name, folder, the account it
// runs as — always DOMAIN\name$ with LogonType Password, no password anywhere), Action (a PowerShell script by
// default, or any program), Trigger (once, daily at 12:05 by default, weekly on days, at startup; optional
// repetition) and Settings (highest privileges off with the reason, the time limit). Each field shows the plan's own
// rule when it is broken; read-only once the run has registered the task.
import { Checkbox, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { DAYS_OF_WEEK, HIGHEST_PRIVILEGES_WHY } from '../../api/contract';
import { formatMinutes } from '../../format/when';
import {
  STOP_AFTER_CHOICES,
  taskFieldDomId,
  type TaskForm as TaskFormState,
  type TaskFieldKey,
  type TriggerKind,
} from '../../store/taskForm';
import { useTask } from '../../store/taskStore';
import { FormChoice, type FormChoiceOption } from '../fields/FormChoice';
import { FormText, type FormTextProps } from '../fields/FormText';
import { usePartStyles } from '../plan/fields';
import { useTaskErrors, useTaskLocked, type TaskErrors } from './useTaskErrors';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: `${tokens.spacingVerticalS} 0 0`,
    border: 'none',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  legend: {
    padding: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  days: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  runAs: { fontFamily: tokens.fontFamilyMonospace },
});

interface TaskTextProps extends Pick<FormTextProps, 'label' | 'hint' | 'placeholder' | 'required' | 'inputMode'> {
  readonly field: TaskFieldKey;
  readonly errors: TaskErrors;
}

/** A text field of the task form: touched on blur, so its problem shows from then on; read-only once registered. */
function TaskText({ field, errors, ...props }: TaskTextProps) {
  const value = useTask((s) => s.form[field]);
  const update = useTask((s) => s.update);
  const touch = useTask((s) => s.touch);
  const locked = useTaskLocked();
  return (
    <FormText
      {...props}
      id={taskFieldDomId(field)}
      error={errors.shown[field]}
      value={typeof value === 'string' ? value : ''}
      readOnly={locked}
      onChange={(text) => update({ [field]: text }, [field])}
      onBlur={() => touch(field)}
      data-field={field}
    />
  );
}

type ChoiceKey = 'actionKind' | 'triggerKind';

interface TaskChoiceProps<K extends ChoiceKey> {
  readonly field: K;
  readonly label: string;
  readonly errors: TaskErrors;
  readonly options: readonly FormChoiceOption<TaskFormState[K]>[];
}

/** One of a few kinds (the action's, the trigger's); the first radio takes the field's id. */
function TaskChoice<K extends ChoiceKey>({ field, label, errors, options }: TaskChoiceProps<K>) {
  const value = useTask((s) => s.form[field]);
  const update = useTask((s) => s.update);
  const locked = useTaskLocked();
  return (
    <FormChoice
      id={taskFieldDomId(field)}
      label={label}
      error={errors.shown[field]}
      value={value}
      options={options}
      disabled={locked}
      onChange={(chosen) => update({ [field]: chosen }, [field])}
    />
  );
}

const TRIGGER_LABELS: Record<TriggerKind, string> = {
  daily: 'Daily',
  weekly: 'Weekly, on the days below',
  once: 'Once',
  startup: 'At startup',
};

export function TaskForm({ runAs, target }: { runAs: string; target: string }) {
  const styles = useStyles();
  const part = usePartStyles();
  const form = useTask((s) => s.form);
  const update = useTask((s) => s.update);
  const locked = useTaskLocked();
  const errors = useTaskErrors();
  const pathNote = useTask((s) => s.pathNote);
  const script = form.actionKind === 'powershell-script';
  const timed = form.triggerKind !== 'startup';
  const stopChoices = STOP_AFTER_CHOICES.some((c) => String(c.minutes) === form.stopAfterMinutes.trim())
    ? STOP_AFTER_CHOICES
    : [
        ...STOP_AFTER_CHOICES,
        { minutes: Number(form.stopAfterMinutes), label: formatMinutes(Number(form.stopAfterMinutes)) },
      ];

  return (
    <div className={part.fields} data-testid="task-form">
      <fieldset className={styles.group}>
        <legend className={styles.legend}>General</legend>
        <TaskText field="name" label="Task name" required errors={errors} hint="e.g. Nightly Report." />
        <TaskText
          field="folder"
          label="Folder"
          errors={errors}
          hint="In the Task Scheduler Library: \ is its root; a folder of your own, e.g. \MSA Wizard\, keeps your tasks together."
        />
        <p className={part.note}>
          {'Runs as '}
          <span className={styles.runAs} data-testid="task-run-as">
            {runAs}
          </span>
          {
            ', whether a user is logged on or not (LogonType Password). Windows retrieves the account’s password itself: no password is asked for or stored.'
          }
        </p>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Action</legend>
        <TaskChoice
          field="actionKind"
          label="What the task runs"
          errors={errors}
          options={[
            { value: 'powershell-script', label: 'A PowerShell script (.ps1)' },
            { value: 'program', label: 'Any program' },
          ]}
        />
        <TaskText
          field="path"
          label={script ? 'Script path' : 'Program path'}
          required
          errors={errors}
          hint={`The full path on ${target}, e.g. ${script ? 'C:\\Scripts\\Nightly-Report.ps1' : 'C:\\Tools\\report.exe'}. Add checks that it exists there; the task step warns if non-administrators can change it or its folder: whoever can edit it runs code as ${runAs}.${script ? ' Windows PowerShell runs it with -NoProfile -NonInteractive -ExecutionPolicy Bypass -File.' : ''}`}
        />
        <TaskText
          field="arguments"
          label="Arguments (optional)"
          errors={errors}
          hint={script ? 'Passed to the script after its path, as text.' : 'The program’s command line, as text.'}
        />
        {pathNote !== null && (
          <p className={part.note} role="status" data-testid="task-path-note">
            {pathNote}
          </p>
        )}
        <TaskText
          field="workingDirectory"
          label="Start in (optional)"
          errors={errors}
          hint="A folder, e.g. C:\Scripts."
        />
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Trigger</legend>
        <TaskChoice
          field="triggerKind"
          label="When it runs"
          errors={errors}
          options={(['daily', 'weekly', 'once', 'startup'] as const).map((kind) => ({
            value: kind,
            label: TRIGGER_LABELS[kind],
          }))}
        />
        {(form.triggerKind === 'daily' || form.triggerKind === 'weekly') && (
          <TaskText
            field="at"
            label="At (the host’s local time)"
            required
            errors={errors}
            hint="HH:MM, 24-hour, e.g. 12:05."
          />
        )}
        {form.triggerKind === 'weekly' && (
          <fieldset
            className={part.fieldset}
            aria-describedby={errors.shown.days === undefined ? undefined : 'task-days-error'}
          >
            <legend className={part.legend}>Days</legend>
            <div className={styles.days}>
              {DAYS_OF_WEEK.map((day, i) => (
                <Checkbox
                  key={day}
                  // The first day takes the field's id: "go to the problem" lands on a control that can take focus.
                  id={i === 0 ? taskFieldDomId('days') : `task-day-${day}`}
                  label={day}
                  disabled={locked}
                  checked={form.days.includes(day)}
                  onChange={(_e, data) =>
                    update(
                      {
                        days: DAYS_OF_WEEK.filter((d) => (d === day ? data.checked === true : form.days.includes(d))),
                      },
                      ['days'],
                    )
                  }
                />
              ))}
            </div>
            {errors.shown.days !== undefined && (
              <p id="task-days-error" className={part.error} role="alert">
                {errors.shown.days}
              </p>
            )}
          </fieldset>
        )}
        {form.triggerKind === 'once' && (
          <TaskText
            field="onceAt"
            label="Date and time (the host’s local time)"
            required
            errors={errors}
            hint="YYYY-MM-DD HH:MM, 24-hour, e.g. 2030-01-31 12:05."
          />
        )}
        {form.triggerKind === 'startup' && (
          <p className={part.note}>Runs each time {target} starts, before anyone logs on.</p>
        )}
        {timed && (
          <Checkbox
            id="task-repeat"
            label="Repeat the task after it starts"
            disabled={locked}
            checked={form.repeat}
            onChange={(_e, data) => update({ repeat: data.checked === true }, ['intervalMinutes'])}
          />
        )}
        {timed && form.repeat && (
          <div className={part.row}>
            <div className={part.grow}>
              <TaskText field="intervalMinutes" label="Every (minutes)" required errors={errors} inputMode="numeric" />
            </div>
            <div className={part.grow}>
              <TaskText
                field="durationMinutes"
                label="For (minutes)"
                errors={errors}
                inputMode="numeric"
                hint="Empty: indefinitely."
              />
            </div>
          </div>
        )}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Settings</legend>
        <Field
          hint={HIGHEST_PRIVILEGES_WHY}
          validationState={errors.shown.highestPrivileges === undefined ? undefined : 'error'}
          validationMessage={errors.shown.highestPrivileges}
        >
          <Checkbox
            id={taskFieldDomId('highestPrivileges')}
            label="Run with highest privileges"
            disabled={locked}
            checked={form.highestPrivileges}
            onChange={(_e, data) => update({ highestPrivileges: data.checked === true }, ['highestPrivileges'])}
          />
        </Field>
        <Field
          label={{ children: 'Stop the task if it runs longer than', htmlFor: taskFieldDomId('stopAfterMinutes') }}
          validationState={errors.shown.stopAfterMinutes === undefined ? undefined : 'error'}
          validationMessage={errors.shown.stopAfterMinutes}
        >
          <Select
            id={taskFieldDomId('stopAfterMinutes')}
            value={form.stopAfterMinutes.trim()}
            disabled={locked}
            onChange={(_e, data) => update({ stopAfterMinutes: data.value }, ['stopAfterMinutes'])}
          >
            {stopChoices.map((c) => (
              <option key={c.minutes} value={String(c.minutes)}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {errors.other.map((message) => (
        <p key={message} className={part.error} role="alert">
          {message}
        </p>
      ))}
    </div>
  );
}
