// What the existing-task move step creates (CreatedObject kinds), named once for the step, its undo and the survey.
// Parent: the host, always; identity: Task Scheduler's full name of the task.

/** The gMSA copy registered side by side: identity = the copy ('\\Reports\\Export inactive users (gMSA)'). */
export const TASK_COPY = 'task-copy';
/** The original this run disabled, side by side: identity = the original ('\\Reports\\Export inactive users'). */
export const TASK_DISABLED = 'task-disabled';
/** The original's principal changed in place: identity = the task, previous = the UserId it ran as before. */
export const TASK_PRINCIPAL = 'task-principal';
