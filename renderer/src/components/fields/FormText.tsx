// A labelled text field (Fluent Field + Input, or Textarea) that knows no store: the plan's and the task's forms wrap
// it (plan/fields.tsx TextField, task/TaskForm.tsx TaskText) with their own value, problem and "touched". Field gives
// the hint and the message their ids and points the input's aria-describedby at them; an error also sets aria-invalid
// and role="alert" on the message.
import { Field, Input, Textarea, type FieldProps, type InputProps } from '@fluentui/react-components';

export interface FormTextProps {
  /** The input's DOM id: the label points at it, and "go to the problem" focuses it (tests find it by it too). */
  readonly id: string;
  readonly label: string;
  readonly hint?: FieldProps['hint'];
  /** The problem to show now (red, announced); it takes the note's place. */
  readonly error?: string;
  /** Other words under the field that are no problem (the name is free): shown in the message's place, neutral. */
  readonly note?: string;
  readonly value: string;
  onChange(value: string): void;
  /** Where the wrappers mark the field touched: its problem shows from then on. */
  onBlur?(): void;
  /** Read-only, not disabled: the text stays selectable and in the Tab order once a run holds the answers. */
  readonly readOnly?: boolean;
  readonly multiline?: boolean;
  readonly placeholder?: string;
  readonly type?: InputProps['type'];
  readonly inputMode?: InputProps['inputMode'];
  readonly contentAfter?: InputProps['contentAfter'];
  readonly required?: boolean;
  readonly className?: string;
  /** The form's key for the field, on the Field's root: tests find the field and its message by it. */
  readonly 'data-field'?: string;
}

export function FormText(props: FormTextProps) {
  const { id, label, hint, error, note, value, onChange, onBlur, readOnly, placeholder } = props;
  const message = error ?? note;
  const control = props.multiline ? (
    <Textarea
      id={id}
      value={value}
      readOnly={readOnly}
      resize="vertical"
      placeholder={placeholder}
      onChange={(_e, data) => onChange(data.value)}
      onBlur={onBlur}
    />
  ) : (
    <Input
      id={id}
      value={value}
      readOnly={readOnly}
      // Fluent's default type is lost when type={undefined} is passed on.
      type={props.type ?? 'text'}
      inputMode={props.inputMode}
      placeholder={placeholder}
      contentAfter={props.contentAfter}
      onChange={(_e, data) => onChange(data.value)}
      onBlur={onBlur}
    />
  );
  return (
    <Field
      className={props.className}
      label={{ children: label, htmlFor: id }}
      hint={hint}
      required={props.required}
      // 'none' keeps a note neutral: Field takes a message without a state for an error.
      validationState={error !== undefined ? 'error' : note !== undefined ? 'none' : undefined}
      validationMessage={message}
      data-field={props['data-field']}
    >
      {control}
    </Field>
  );
}
