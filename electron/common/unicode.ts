// Text checks shared by every boundary that takes typed text: zod schemas (plan, task, search) and the PowerShell
// literal builder. No imports: the renderer bundles it with the schemas.

/**
 * A UTF-16 surrogate without its partner: a broken character (a paste cut in half). It cannot become valid UTF-8 for
 * PowerShell or the directory, so every boundary refuses it with "retype it".
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
