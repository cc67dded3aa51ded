// What a step may report beyond its status, as the generic step layer sees it: JSON data for the UI (each kind of step
// defines its own shape: a right's GPO, a task's test run report) and the progress of a long step. Types only.

/** A step outcome's `details`: plain JSON, journaled with the outcome; its shape belongs to the step's kind. */
export type StepDetails = object;

/** While a long step waits (a task's test run, a service's restart): how long, its limit, the state last read. */
export interface StepProgress {
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  readonly state: string;
}
