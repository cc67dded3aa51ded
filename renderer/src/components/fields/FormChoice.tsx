// One of a few values as a radio group (Fluent Field + RadioGroup) that knows no store: the plan's parts (plan/fields.tsx
// PlanChoice) and the task form (task/TaskForm.tsx TaskChoice) wrap it. A radio group is one Tab stop; the arrows
// move and choose. Field labels the group and points its aria-describedby at the hint and the problem.
import { Field, Radio, RadioGroup, type FieldProps } from '@fluentui/react-components';

export interface FormChoiceOption<V extends string> {
  readonly value: V;
  readonly label: string;
  /** This radio's DOM id, `${id}-${value}` by default. Not for the first radio: it always takes the group's id. */
  readonly id?: string;
  /** This one value cannot be chosen (the domain cannot hold it, say). */
  readonly disabled?: boolean;
  /** The id of words about this value alone (why it is disabled), for its aria-describedby. */
  readonly describedBy?: string;
}

export interface FormChoiceProps<V extends string> {
  /** The first radio's DOM id: "go to the problem" lands on a control that can take focus (tests find it by it). */
  readonly id: string;
  readonly label: string;
  readonly hint?: FieldProps['hint'];
  /** The problem to show now (red, announced). */
  readonly error?: string;
  readonly value: V;
  readonly options: readonly FormChoiceOption<V>[];
  onChange(value: V): void;
  readonly disabled?: boolean;
}

export function FormChoice<V extends string>({ id, label, hint, error, value, options, ...props }: FormChoiceProps<V>) {
  return (
    <Field
      label={label}
      hint={hint}
      validationState={error === undefined ? undefined : 'error'}
      validationMessage={error}
    >
      <RadioGroup
        value={value}
        disabled={props.disabled}
        onChange={(_e, data) => {
          // The radio's value comes back as a string: only one of the options' values is taken.
          const chosen = options.find((o) => o.value === data.value);
          if (chosen !== undefined) props.onChange(chosen.value);
        }}
      >
        {options.map((o, i) => (
          <Radio
            key={o.value}
            id={i === 0 ? id : (o.id ?? `${id}-${o.value}`)}
            value={o.value}
            label={o.label}
            // A radio's own `disabled` wins over the group's: a false here would undo a disabled (read-only) group.
            disabled={props.disabled === true || o.disabled === true ? true : undefined}
            aria-describedby={o.describedBy}
          />
        ))}
      </RadioGroup>
    </Field>
  );
}
