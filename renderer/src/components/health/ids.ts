/** A DOM id for something about check `checkId` (the core's ids are kebab-case; anything else is made safe). */
export function checkDomId(checkId: string, part: string): string {
  return `check-${checkId.replace(/[^A-Za-z0-9_-]/g, '_')}-${part}`;
}
