// What a workload kind is on the Use the account screen: one descriptor per kind (renderer/src/workloads/<kind>/),
// listed once in registry.ts. The generic parts — the overview's "Add" buttons, the card, the form, the picker, the
// acknowledgement, the store — read only these descriptors, so a new kind touches its own folder and one registry
// line. Pure data and functions (no React): the store and the tests load it under Node too; the one generic form
// (components/workloads/WorkloadForm.tsx) draws every kind's fields from `createFields` and `check`.
import type { z } from 'zod';

/** An existing object of the kind on its computer, or a new one the steps create. */
export type Mode = 'existing' | 'create';

/** What every kind's form holds (a type alias, not an interface, so a kind's form fits the store's FormValues). */
export type BaseForm = {
  readonly mode: Mode;
  /** The service's, pool's, ... name: the picker fills it. */
  readonly name: string;
  /** Undo cannot put a user account back: required while the existing object runs as one. */
  readonly acknowledgeNoRestore: boolean;
};

/** A form as the store holds it, whatever its kind. */
export type FormValues = BaseForm & { readonly [field: string]: unknown };

/** A field that only a new object has ("Create a ..."): text, or one of a few choices. */
export type CreateField<F> =
  | {
      readonly type: 'text';
      readonly field: keyof F & string;
      readonly label: string;
      readonly hint?: string;
      readonly required?: boolean;
    }
  | {
      readonly type: 'choice';
      readonly field: keyof F & string;
      readonly label: string;
      /** idSuffix: the option's DOM id is '<field id>-<idSuffix>' (values such as '' or 'v4.0' make poor ids). */
      readonly options: readonly { readonly value: string; readonly label: string; readonly idSuffix?: string }[];
    };

/** One workload kind's form, picker and words on the Use the account screen. */
export interface WorkloadFormKind<K extends string, F extends BaseForm> {
  /** The core's kind name (electron/common/workloads/kinds.ts). */
  readonly kind: K;
  /** The overview's button: 'Add a Windows service'. */
  readonly addLabel: string;
  /** As a sentence names one: 'service', 'application pool' (the acknowledgement, the picker). */
  readonly what: string;
  /** The existing/new choice: its label and its two options. */
  readonly modeLabel: string;
  readonly existingLabel: string;
  readonly createLabel: string;
  readonly nameLabel: string;
  readonly nameHint: string;
  /** The fields of a new one, in order. */
  readonly createFields: readonly CreateField<F>[];
  /** The checkbox after the fields: restart / recycle and verify. */
  readonly check: { readonly field: keyof F & string; readonly label: string };
  /** Why undo cannot put a user account back (the core's words). */
  readonly noRestoreWhy: string;
  /** What its steps create, in words for the undo list (by created kind): 'service', 'account of the service'. */
  readonly createdWords: Readonly<Record<string, string>>;
  /** The picker's words (its list comes from the core's 'host.items' { kind }). */
  readonly picker: {
    readonly label: string;
    readonly plural: string;
    /** After the core's reason when the list is unavailable: 'create the pool once it is.' */
    readonly whenUnavailable: string;
  };
  /** The form before anything is typed. */
  readonly empty: F;
  /** The core's zod rules on the settings (the same messages the core gives). */
  readonly schema: z.ZodType;
  /** The settings the core gets: only the chosen mode's fields, optional ones left out when empty. */
  toSettings(form: F): Record<string, unknown>;
  /** The form again from a plan workload's settings (as entered; missing or odd values take the defaults). */
  fromSettings(settings: Readonly<Record<string, unknown>>): F;
  /** Words under the kind's own steps (by step kind), or null for a step that is not its own. */
  stepWhy(stepKind: string, account: string): string | null;
}
