// Microsoft's documented signatures of every cmdlet the app uses (cmdlets.json, copied from shared/reference,
// extracted from MicrosoftDocs/windows-powershell-docs). The lab's param() blocks are generated from this data
// (scripts/gen-lab-signatures.ts) and test/lab/signatures.test.ts checks the loaded lab cmdlets against it.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const parameterSchema = z.object({
  type: z.string(),
  aliases: z.array(z.string()),
  /** As the docs' parameter table states it: 'False', 'True (ByValue)', 'True (ByPropertyName)' or both. */
  pipelineInput: z.enum(['False', 'True (ByValue)', 'True (ByPropertyName)', 'True (ByPropertyName, ByValue)']),
  sets: z.array(z.object({ sets: z.array(z.string()), required: z.boolean(), position: z.string() })),
  accepted: z.array(z.string()).optional(),
  listed_values: z.array(z.string()).optional(),
});

const cmdletSchema = z.object({
  module: z.string(),
  parameterSets: z.record(z.string(), z.object({ default: z.boolean(), syntax: z.string() })),
  parameters: z.record(z.string(), parameterSchema),
  source: z.string(),
});

export const cmdletReferenceSchema = z.object({
  generatedFrom: z.string(),
  cmdlets: z.record(z.string(), cmdletSchema),
});

export type CmdletReference = z.infer<typeof cmdletReferenceSchema>;
export type CmdletSpec = z.infer<typeof cmdletSchema>;
export type ParameterSpec = z.infer<typeof parameterSchema>;

/** The set name the docs use for "no named parameter sets". */
export const ALL_SETS = '__AllParameterSets';

export function loadCmdletReference(): CmdletReference {
  const text = readFileSync(new URL('./cmdlets.json', import.meta.url), 'utf8');
  return cmdletReferenceSchema.parse(JSON.parse(text));
}

/** `Microsoft.ActiveDirectory.Management.ADPrincipal[]` -> `ADPrincipal[]`: the docs mix short and full names. */
export function shortTypeName(type: string): string {
  const array = type.endsWith('[]');
  const base = array ? type.slice(0, -2) : type;
  return (base.split('.').pop() ?? base) + (array ? '[]' : '');
}

/** PowerShell's common parameters: every cmdlet takes them, and the reference leaves them out of each signature. */
export const COMMON_PARAMETERS: readonly string[] = [
  'Verbose',
  'Debug',
  'ErrorAction',
  'WarningAction',
  'InformationAction',
  'ProgressAction',
  'ErrorVariable',
  'WarningVariable',
  'InformationVariable',
  'OutVariable',
  'OutBuffer',
  'PipelineVariable',
];

/** How one parameter binds in one parameter set. */
export interface SetBinding {
  mandatory: boolean;
  /** null: named only. */
  position: number | null;
}

/** A documented position clash in one set, resolved as the real cmdlet binds it. The docs state one position per
 *  parameter for all its sets, so a parameter whose real position differs between sets is given the wrong one in
 *  some set; where that makes two parameters claim one position and the set's syntax string does not tell them
 *  apart, the real positions come from the source named here. */
interface PositionResolution {
  positions: Record<string, number>;
  source: string;
}

// Register-ScheduledTask: the help XML the module ships lists the User set in position order (Get-Command's syntax):
// [-TaskName] [[-TaskPath]] [-Action] [[-Trigger]] [[-Settings]] [[-User]] [[-Password]] [[-RunLevel]]
// [[-Description]]; User 3 and Password 4 are their positions in the Xml and Object sets only.
const REGISTER_TASK_SOURCE =
  'MicrosoftDocs/windows-powershell-docs@372746c docset/winserver2012-ps/scheduledtasks/Register-ScheduledTask.md, UNNAMED_PARAMETER_SET_1 (the User set, in position order)';
// Invoke-Command: ScriptBlock is Position 0 only in InProcess, Position 1 in the remote sets (PowerShell's
// InvokeCommandCommand.cs); ComputerName, ConnectionUri, Session and VMId keep Position 0 (PSRemotingCmdlet.cs).
const INVOKE_COMMAND_SOURCE =
  'PowerShell/PowerShell src/System.Management.Automation/engine/remoting/commands/InvokeCommandCommand.cs: ScriptBlock [Parameter(Position = 1)] in the remote sets';

export const POSITION_RESOLUTIONS: Record<string, Record<string, PositionResolution>> = {
  'Register-ScheduledTask': { User: { positions: { User: 5, Password: 6 }, source: REGISTER_TASK_SOURCE } },
  'Invoke-Command': {
    ComputerName: { positions: { ScriptBlock: 1 }, source: INVOKE_COMMAND_SOURCE },
    Session: { positions: { ScriptBlock: 1 }, source: INVOKE_COMMAND_SOURCE },
    Uri: { positions: { ScriptBlock: 1 }, source: INVOKE_COMMAND_SOURCE },
    VMId: { positions: { ScriptBlock: 1 }, source: INVOKE_COMMAND_SOURCE },
  },
};

/** How a set's syntax string shows a parameter: `[-P] <T>` / `[[-P] <T>]` positional, `-P <T>` / `[-P <T>]` named. */
export function syntaxShows(syntax: string, parameter: string): 'positional' | 'named' | 'absent' {
  const p = parameter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`\\[-${p}\\] <`).test(syntax)) return 'positional';
  if (new RegExp(`(^|[\\s[])-${p}(\\s|\\]|$)`).test(syntax)) return 'named';
  return 'absent';
}

/**
 * Each parameter's mandatory flag and position per parameter set, keyed by set name (`__AllParameterSets` for a
 * parameter the docs give for all sets, unless a resolution makes its position differ between sets). Where the
 * documented positions clash within a set: a parameter the set's syntax string shows as named is named there; else
 * a POSITION_RESOLUTIONS entry gives the real positions; any clash left is refused (thrown). The generator and the
 * signature test both read positions from here.
 */
export function parameterSetBindings(
  name: string,
  spec: CmdletSpec,
  resolutions: Record<string, Record<string, PositionResolution>> = POSITION_RESOLUTIONS,
): Record<string, Record<string, SetBinding>> {
  const setNames = Object.keys(spec.parameterSets);
  const raw: Record<string, Record<string, SetBinding>> = {};
  for (const [param, p] of Object.entries(spec.parameters)) {
    raw[param] = {};
    for (const entry of p.sets) {
      for (const set of entry.sets) {
        const key = set === '(All)' ? ALL_SETS : set;
        // The extracted data repeats a set now and then (Remove-ADGroupMember -DisablePermissiveModify): first wins.
        if (key in raw[param]) continue;
        raw[param][key] = {
          mandatory: entry.required,
          position: entry.position === 'Named' ? null : Number(entry.position),
        };
      }
    }
  }
  // Per concrete set: each parameter's position there.
  const bySet: Record<string, Record<string, SetBinding>> = {};
  for (const set of setNames) {
    bySet[set] = {};
    for (const [param, sets] of Object.entries(raw)) {
      const b = sets[set] ?? sets[ALL_SETS];
      if (b !== undefined) bySet[set][param] = { ...b };
    }
  }
  const clashes = (set: string): Map<number, string[]> => {
    const at = new Map<number, string[]>();
    for (const [param, b] of Object.entries(bySet[set] ?? {})) {
      if (b.position !== null) at.set(b.position, [...(at.get(b.position) ?? []), param]);
    }
    return new Map([...at].filter(([, ps]) => ps.length > 1).sort(([a], [b]) => a - b));
  };
  const ownResolutions = resolutions[name] ?? {};
  for (const set of Object.keys(ownResolutions)) {
    if (!setNames.includes(set))
      throw new Error(`${name}: a position resolution names set ${set}, which it does not have`);
  }
  for (const set of setNames) {
    const syntax = spec.parameterSets[set]?.syntax ?? '';
    for (const params of clashes(set).values()) {
      for (const param of params) {
        // A switch reads [-Switch] either way: the syntax string cannot say it is named.
        const isSwitch = spec.parameters[param]?.type.endsWith('SwitchParameter') === true;
        if (!isSwitch && syntaxShows(syntax, param) === 'named')
          (bySet[set] as Record<string, SetBinding>)[param]!.position = null;
      }
    }
    const resolution = ownResolutions[set];
    if (resolution !== undefined) {
      const clashing = new Set([...clashes(set).values()].flat());
      for (const [param, position] of Object.entries(resolution.positions)) {
        if (!clashing.has(param)) {
          throw new Error(`${name}: the position resolution for -${param} in set ${set} resolves no documented clash`);
        }
        (bySet[set] as Record<string, SetBinding>)[param]!.position = position;
      }
    }
    for (const [position, params] of clashes(set)) {
      throw new Error(
        `${name}: ${params.map((p) => `-${p}`).join(' and ')} ${params.length > 2 ? 'all' : 'both'} take position ${position} in set ${set}; neither the syntax string nor POSITION_RESOLUTIONS says which is which`,
      );
    }
  }
  const out: Record<string, Record<string, SetBinding>> = {};
  for (const [param, sets] of Object.entries(raw)) {
    const all = sets[ALL_SETS];
    if (all !== undefined && setNames.every((s) => bySet[s]?.[param]?.position === all.position)) {
      out[param] = { [ALL_SETS]: all };
      continue;
    }
    out[param] = {};
    for (const set of setNames) {
      const b = bySet[set]?.[param];
      if (b !== undefined) out[param][set] = b;
    }
  }
  return out;
}

/** Whether a parameter takes pipeline input, as the docs' "Accept pipeline input" states it. */
export function pipelineBinding(spec: ParameterSpec): { byValue: boolean; byPropertyName: boolean } {
  return {
    byValue: spec.pipelineInput.includes('ByValue'),
    byPropertyName: spec.pipelineInput.includes('ByPropertyName'),
  };
}

/** Cmdlets the real modules declare ConfirmImpact High: with the default $ConfirmPreference (High) they ask before
 *  acting, so a script must pass -Confirm:$false, and a non-interactive host fails instead of asking. */
export const CONFIRM_IMPACT_HIGH: Record<string, string> = {
  'Remove-ADGroup':
    'learn.microsoft.com Remove-ADGroup (windows-powershell-docs docset/winserver2022-ps/activedirectory/Remove-ADGroup.md), NOTES: "By default, this cmdlet has the Confirm parameter set"',
  'Remove-ADGroupMember': 'Remove-ADGroupMember.md, NOTES: "By default, this cmdlet has the Confirm parameter set"',
  'Remove-ADObject': 'Remove-ADObject.md, NOTES: "By default, this cmdlet has the Confirm parameter set"',
  'Remove-ADServiceAccount':
    'Remove-ADServiceAccount.md, NOTES: "By default, this cmdlet has the Confirm parameter set"',
  'Remove-ADComputerServiceAccount':
    'Remove-ADComputerServiceAccount.md, NOTES: "By default, this cmdlet has the Confirm parameter set"',
  'Unregister-ScheduledTask':
    'docset/winserver2022-ps/scheduledtasks/Unregister-ScheduledTask.md: -Confirm "Default value: True"; Example 1 "You must confirm the action before the command performs it"',
};
