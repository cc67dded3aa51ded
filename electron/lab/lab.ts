// The lab domain from TypeScript: create a lab from a scenario, check one, and make a PowerShell session bound to it.
// A lab session runs with a PSModulePath holding only the lab modules (and the engine's core modules), so practice
// mode can never call the real ActiveDirectory, Kds or ScheduledTasks cmdlets, even on a domain-joined server.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ps } from '../common/powershell/script.js';
import type { SessionOptions } from '../common/powershell/session.js';
import { findScenario, SCENARIOS } from './scenarios.js';
import { labStateSchema, STATE_FILE, TICKETS_FILE, type LabState } from './state.js';

// PowerShell opens the lab modules by path, and it can't read inside app.asar: in a packaged app the installer puts
// them beside it (electron-builder.yml asarUnpack holds exactly these folders; test/packaging checks), so point there.
const unpacked = (url: URL): string => fileURLToPath(url).replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
/** Lab modules: LabCore, Kds, ScheduledTasks, ServerManager, Dism, LabTools, LabServices, CimCmdlets, ... */
export const LAB_MODULE_ROOT = unpacked(new URL('./modules', import.meta.url));
/** The lab ActiveDirectory module, on PSModulePath only while the current lab computer has RSAT. */
export const LAB_RSAT_MODULE_ROOT = unpacked(new URL('./modules-rsat', import.meta.url));
/** What PowerShell itself opens by path: the only files a packaged app keeps outside app.asar. */
export const PWSH_OPENS_BY_PATH = [LAB_MODULE_ROOT, LAB_RSAT_MODULE_ROOT] as const;

/** Bad lab input: the message is one line that says what to change. */
export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

export function scenarioNames(): string[] {
  return SCENARIOS.map((s) => s.name);
}

/** Creates a lab in `dir` from a scenario. Never overwrites an existing lab. */
export function createLab(dir: string, scenarioName = 'healthy', now = new Date()): LabState {
  const scenario = findScenario(scenarioName);
  if (scenario === undefined) {
    throw new LabError(`unknown scenario '${scenarioName}'; choose one of: ${scenarioNames().join(', ')}`);
  }
  const file = path.join(dir, STATE_FILE);
  if (existsSync(file)) {
    throw new LabError(`a lab already exists in ${dir}; use another --lab-dir (the existing lab was left untouched)`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new LabError(`${dir} is a file, not a folder`);
  mkdirSync(dir, { recursive: true });
  const state = labStateSchema.parse(scenario.build(now));
  const { persistent, tickets } = splitTickets(state);
  for (const [name, value] of [
    [TICKETS_FILE, tickets],
    [STATE_FILE, persistent],
  ] as const) {
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, canonicalJson(value));
    renameSync(temp, target);
  }
  return state;
}

/**
 * The state file's one text form: keys sorted (ordinal), two-space indentation — what the lab modules write too
 * (Update-LabState), so a change that is undone leaves the file byte-identical, not merely equal.
 */
export function canonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, x]) => [k, sortKeys(x)]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value), null, 2);
}

type Tickets = Record<string, { groups: string[]; issued: string }>;

/** The state without the hosts' ticket caches, and the caches (see TICKETS_FILE). */
export function splitTickets(state: LabState): { persistent: unknown; tickets: Tickets } {
  const tickets: Tickets = {};
  const hosts = Object.fromEntries(
    Object.entries(state.hosts).map(([name, h]) => {
      const { ticketGroups, ticketIssued, ...rest } = h;
      tickets[name] = { groups: ticketGroups, issued: ticketIssued };
      return [name, rest];
    }),
  );
  return { persistent: { ...state, hosts }, tickets };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new LabError(
      `${file} is not valid JSON; it was left untouched. Restore it or create a new lab in another folder`,
    );
  }
}

/** Reads and validates a lab's state; every problem is a one-line LabError. */
export function readLab(dir: string): LabState {
  if (!existsSync(dir))
    throw new LabError(`no lab folder ${dir}; create one with: msa-wizard lab new --lab-dir ${dir}`);
  const file = path.join(dir, STATE_FILE);
  if (!existsSync(file))
    throw new LabError(
      `no lab in ${dir} (${STATE_FILE} is missing); create one with: msa-wizard lab new --lab-dir ${dir}`,
    );
  const json = readJson(file) as { hosts?: Record<string, Record<string, unknown>> };
  const ticketsFile = path.join(dir, TICKETS_FILE);
  const tickets = (existsSync(ticketsFile) ? readJson(ticketsFile) : {}) as Partial<Tickets>;
  for (const [name, h] of Object.entries(json.hosts ?? {})) {
    const t = tickets[name];
    if (t !== undefined && h !== null && typeof h === 'object') {
      h.ticketGroups = t.groups;
      h.ticketIssued = t.issued;
    }
  }
  const parsed = labStateSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LabError(
      `${file} is not a valid lab state (${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}); it was left untouched`,
    );
  }
  return parsed.data;
}

export interface LabSessionContext {
  /** Run as this lab computer (default: the scenario's). */
  readonly computer?: string;
  /** Run as this lab user's sAMAccountName (default: the scenario's). */
  readonly user?: string;
}

/**
 * Session options for practice mode: validates the lab first (so bad input fails here, in one line), then pins
 * PSModulePath to the lab and binds the session to the lab's context in the preamble (run after every restart).
 */
export function labSessionOptions(dir: string, context: LabSessionContext = {}): SessionOptions {
  const state = readLab(dir);
  const computer = context.computer?.toUpperCase() ?? state.context.computer;
  if (state.hosts[computer] === undefined) {
    throw new LabError(`the lab has no computer '${computer}'; choose one of: ${Object.keys(state.hosts).join(', ')}`);
  }
  const labDir = path.resolve(dir);
  // Core modules load first, from wherever the engine keeps them; after that PSModulePath holds the lab alone.
  const preamble = ps`
Import-Module -Name Microsoft.PowerShell.Management, Microsoft.PowerShell.Utility, Microsoft.PowerShell.Security
$env:PSModulePath = ${LAB_MODULE_ROOT}
Import-Module -Name ${path.join(LAB_MODULE_ROOT, 'LabCore')} -Force
Initialize-LabSession -LabDir ${labDir} -ModuleRoot ${LAB_MODULE_ROOT} -RsatModuleRoot ${LAB_RSAT_MODULE_ROOT} -Computer ${computer} -User ${context.user ?? state.context.user}
# klist, whoami and gpupdate exist as programs on every Windows host (whoami on Linux too), and a program found on
# PATH wins over a module that hasn't been auto-loaded: load the lab's stand-ins now, so they are the ones that run.
# The same for the services and ACLs: the engine's Get-Service and Get-Acl (loaded above) would win over the unloaded
# LabServices and LabSecurity, and for remoting: the engine's Invoke-Command would reach real computers over WinRM.
Import-Module -Name LabTools, LabServices, CimCmdlets, LabSecurity, LabRemoting`;
  return { env: { PSModulePath: LAB_MODULE_ROOT, MSA_WIZARD_LAB: labDir }, preamble };
}

/** Samples of the scripts practice mode produces, for the Windows PowerShell 5.1 syntax scan. */
export function labScriptSamples(dir: string): { name: string; text: string }[] {
  const preamble = labSessionOptions(dir).preamble;
  return preamble === undefined ? [] : [{ name: 'lab session preamble', text: preamble.text }];
}
