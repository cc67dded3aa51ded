// Where to add the account when a domain GPO defines a user right: the console path and the name to paste (a right
// step's outcome details, shown by the screens). Types only: the renderer imports it.

export interface GpoInstruction {
  readonly gpoName: string;
  /** The privilege: SeBatchLogonRight, SeServiceLogonRight. */
  readonly right: string;
  /** Group Policy Management → the GPO → ... → Log on as a batch job. */
  readonly path: readonly string[];
  /** DOMAIN\\name$, ready to paste. */
  readonly account: string;
}
