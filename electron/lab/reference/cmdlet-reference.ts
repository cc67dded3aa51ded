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
