// A tiny argument parser for the CLI: `--flag value`, `--switch`, positional words, and `--` ending the options.
// Unknown flags are errors, so a typo never runs something else.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
  /** Everything after `--`, joined with spaces. */
  readonly rest: string | undefined;
}

/** `valued` flags take a value; `switches` don't. */
export function parseArgs(argv: readonly string[], valued: readonly string[], switches: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  let rest: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest = argv.slice(i + 1).join(' ');
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (switches.includes(name)) {
        options.set(name, true);
      } else if (valued.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith('--'))) {
          throw new UsageError(`--${name} needs a value`);
        }
        options.set(name, value);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
      continue;
    }
    positional.push(arg);
  }
  return { positional, options, rest };
}

export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Takes every `--name VALUE` / `--name=VALUE` of a repeatable option out of argv (a value may also list several,
 * comma-separated: `--computer WEB01,WEB02`), before the other options are parsed. Stops at `--`.
 */
export function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === `--${name}` || arg.startsWith(`--${name}=`)) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value.trim() === '' || value.startsWith('--')) {
        throw new UsageError(`--${name} needs a value`);
      }
      values.push(
        ...value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      );
      continue;
    }
    rest.push(arg);
  }
  return { values, rest };
}
