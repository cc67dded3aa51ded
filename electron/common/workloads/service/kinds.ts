// What the service steps create (CreatedObject kinds), named once for the steps, their undo and the survey.

/** The logon account the account step changed: identity = the service name, parent = the host, previous = the old StartName. */
export const SERVICE_LOGON = 'service-logon';
/** A service the account step created (create mode): identity = the service name, parent = the host. */
export const SERVICE_CREATED = 'service';
