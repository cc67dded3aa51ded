// Answers files the tests write: the classic example saved as ANSI (Windows-1252), as Notepad's "ANSI" would.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EXAMPLE_ANSWERS = path.join('assets', 'examples', 'gmsa-scheduled-task.json');

/** Where the first byte that is not UTF-8 stands in ansiAnswersFile's file: its 0xF1 (ñ), as the refusal says it. */
export const ANSI_BYTE_AT = 'byte 0xF1 at line 7, column 23 is not UTF-8';

/** Writes the example with the description "Peña runs …" in Windows-1252 (ñ is the one byte 0xF1) to dir/ansi.json. */
export function ansiAnswersFile(dir: string): string {
  const file = path.join(dir, 'ansi.json');
  const text = readFileSync(EXAMPLE_ANSWERS, 'latin1').replace('"Runs the nightly', '"Pe\u00f1a runs the nightly');
  writeFileSync(file, text, 'latin1');
  return file;
}
