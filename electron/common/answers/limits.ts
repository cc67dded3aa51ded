// How large an answers file may be: the core's parser, the API contract and the renderer's file picker refuse larger
// files with the same limit. No imports: the renderer bundles it.

/** Larger files are refused before they are read: a real answers file is a few kilobytes. */
export const MAX_ANSWERS_BYTES = 1024 * 1024;
