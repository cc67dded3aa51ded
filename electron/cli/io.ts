// Where the CLI writes: injectable so tests can capture it. Every line goes through terminalText: text from an
// answers file or from PowerShell (a field name, a message) never reaches the terminal with a raw ESC or CR.
import { terminalText } from '../common/unicode.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${terminalText(line)}\n`),
  err: (line) => process.stderr.write(`${terminalText(line)}\n`),
};
