// Domain checks from the functional levels, the schema version and the domain controllers' Windows versions,
// translated into what they allow: sMSA (2008 R2), gMSA (2012 schema and a 2012+ DC), dMSA (2025).
import { z } from 'zod';
import { defineCheck, listWords, psConst, type Evaluation } from './types.js';

const LEVEL_RANK: Readonly<Record<string, number>> = {
  Windows2000: 0,
  Windows2003Interim: 1,
  Windows2003: 2,
  Windows2008: 3,
  Windows2008R2: 4,
  Windows2012: 5,
  Windows2012R2: 6,
  Windows2016: 7,
  Windows2025: 10,
};

/** 'Windows2016Domain' / 'Windows2016Forest' → rank (Windows2008R2 = 4), or null when unknown. */
export function levelRank(mode: string): number | null {
  return LEVEL_RANK[mode.replace(/(Domain|Forest)$/, '')] ?? null;
}

/** 'Windows2008R2Domain' → 'Windows Server 2008 R2'. */
export function levelName(mode: string): string {
  const m = /^Windows(\d{4})(R2)?/.exec(mode);
  return m === null ? mode : `Windows Server ${m[1]}${m[2] === undefined ? '' : ' R2'}`;
}

const SCHEMA_NAMES: readonly [number, string][] = [
  [91, 'Windows Server 2025'],
  [88, 'Windows Server 2019/2022'],
  [87, 'Windows Server 2016'],
  [69, 'Windows Server 2012 R2'],
  [56, 'Windows Server 2012'],
  [47, 'Windows Server 2008 R2'],
  [44, 'Windows Server 2008'],
  [30, 'Windows Server 2003'],
  [13, 'Windows 2000'],
];
export const SCHEMA_2008R2 = 47;
export const SCHEMA_2012 = 56;
export const SCHEMA_2025 = 91;

export function schemaName(version: number): string {
  return SCHEMA_NAMES.find(([v]) => version >= v)?.[1] ?? 'older than Windows 2000';
}

/** '10.0 (20348)' → { major: 10, minor: 0, build: 20348 }. */
export function parseDcVersion(text: string): { major: number; minor: number; build: number | null } | null {
  const m = /^(\d+)\.(\d+)(?:[^\d]+(\d+))?/.exec(text.trim());
  if (m === null) return null;
  return { major: Number(m[1]), minor: Number(m[2]), build: m[3] === undefined ? null : Number(m[3]) };
}

/** A DC on Windows Server 2012 (6.2) or later runs the KDS and can serve gMSA passwords. */
export function isGmsaCapableDc(osVersion: string): boolean {
  const v = parseDcVersion(osVersion);
  return v !== null && (v.major > 6 || (v.major === 6 && v.minor >= 2));
}

/** Windows Server 2025 (build 26100) or later: dMSA. */
export function isDmsaCapableDc(osVersion: string): boolean {
  const v = parseDcVersion(osVersion);
  return v !== null && v.major >= 10 && (v.build ?? 0) >= 26100;
}

const dcSchema = z.object({
  name: z.string(),
  hostName: z.string(),
  site: z.string(),
  operatingSystem: z.string(),
  operatingSystemVersion: z.string(),
});

const levelsRaw = z.object({
  domainMode: z.string(),
  forestMode: z.string(),
  schemaVersion: z.number().int(),
  dcs: z.array(dcSchema).nullable(),
});

export const domainLevels = defineCheck({
  id: 'domain-levels',
  group: 'Domain',
  title: 'Functional levels and schema',
  why: 'What the directory can hold: sMSA needs the Windows Server 2008 R2 domain level and schema, gMSA the Windows Server 2012 schema (version 56), dMSA the Windows Server 2025 schema (version 91) and a 2025 DC.',
  command: `Get-ADDomain | Select-Object DomainMode
Get-ADForest | Select-Object ForestMode
(Get-ADObject -Identity (Get-ADRootDSE).schemaNamingContext -Properties objectVersion).objectVersion`,
  probe: psConst`$domain = Get-MsaFact -Name 'adDomain'
$forest = Get-MsaFact -Name 'adForest'
$rootDse = Get-MsaFact -Name 'adRootDse'
$schema = Get-ADObject -Identity $rootDse.schemaNamingContext -Properties 'objectVersion'
$dcs = $null
try { $dcs = @(Get-MsaFact -Name 'adDcs') } catch { $dcs = $null }
[ordered]@{ domainMode = $domain.domainMode; forestMode = $forest.forestMode; schemaVersion = [int]$schema.objectVersion; dcs = $dcs }`,
  raw: levelsRaw,
  evaluate(raw): Evaluation {
    const domainRank = levelRank(raw.domainMode) ?? -1;
    const smsa = domainRank >= 4 && raw.schemaVersion >= SCHEMA_2008R2;
    const gmsa = raw.schemaVersion >= SCHEMA_2012;
    const dmsaDc = raw.dcs === null ? null : raw.dcs.some((dc) => isDmsaCapableDc(dc.operatingSystemVersion));
    const dmsa = raw.schemaVersion >= SCHEMA_2025 && dmsaDc !== false;
    const levels = `Domain level ${levelName(raw.domainMode)}, forest level ${levelName(raw.forestMode)}, schema version ${raw.schemaVersion} (${schemaName(raw.schemaVersion)})`;
    const allows = [
      `sMSA ${smsa ? 'yes' : 'no (needs the 2008 R2 domain level and schema)'}`,
      `gMSA ${gmsa ? 'yes' : 'no (needs schema version 56, Windows Server 2012)'}`,
      `dMSA ${dmsa ? 'yes' : raw.schemaVersion >= SCHEMA_2025 ? 'no (needs a Windows Server 2025 DC)' : 'no (needs schema version 91 and a Windows Server 2025 DC)'}`,
    ];
    const found = `${levels}. Allows: ${allows.join('; ')}.`;
    if (gmsa && smsa) return { status: 'pass', found };
    const adprep = {
      summary:
        'To allow gMSA, extend the schema to Windows Server 2012 or later (adprep /forestprep from newer media, or promote a 2012+ DC) — sMSA works as it is.',
      command:
        'adprep /forestprep; adprep /domainprep   # from Windows Server 2012+ media, as Schema and Enterprise Admin',
      actions: [],
    };
    if (smsa) return { status: 'warn', found: `${found} gMSA is unavailable; sMSA is available.`, fix: adprep };
    return {
      status: 'fail',
      found: `${found} Not even sMSA is available.`,
      fix: {
        summary: 'Raise the domain functional level to Windows Server 2008 R2 or later (all DCs must run 2008 R2+).',
        command: 'Set-ADDomainMode -Identity (Get-ADDomain) -DomainMode Windows2008R2Domain',
        actions: [],
      },
    };
  },
});

const dcsRaw = z.object({ inUse: z.string().nullable(), dcs: z.array(dcSchema) });

export const domainControllers = defineCheck({
  id: 'domain-controllers',
  group: 'Domain',
  title: 'Domain controllers for gMSA',
  why: 'gMSA passwords are computed by the Key Distribution Service, which runs on domain controllers with Windows Server 2012 or later: at least one is needed (dMSA needs a Windows Server 2025 DC).',
  command: 'Get-ADDomainController -Filter * | Select-Object Name, OperatingSystem, OperatingSystemVersion, Site',
  probe: psConst`$inUse = $null
try { $inUse = (Get-MsaFact -Name 'adDc').name } catch { $inUse = $null }
[ordered]@{ inUse = $inUse; dcs = @(Get-MsaFact -Name 'adDcs') }`,
  raw: dcsRaw,
  evaluate(raw): Evaluation {
    const describe = (dc: z.infer<typeof dcSchema>) =>
      `${dc.name} (${dc.operatingSystem || dc.operatingSystemVersion}${dc.name === raw.inUse ? ', in use' : ''})`;
    const list = raw.dcs.map(describe);
    const gmsa = raw.dcs.filter((dc) => isGmsaCapableDc(dc.operatingSystemVersion)).map((dc) => dc.name);
    const dmsa = raw.dcs.filter((dc) => isDmsaCapableDc(dc.operatingSystemVersion)).map((dc) => dc.name);
    const count = `${raw.dcs.length} domain controller${raw.dcs.length === 1 ? '' : 's'}: ${list.join(', ')}.`;
    if (raw.dcs.length === 0) return { status: 'fail', found: 'The domain lists no domain controllers.' };
    if (gmsa.length === 0) {
      return {
        status: 'warn',
        found: `${count} None runs Windows Server 2012 or later, so gMSA is unavailable; sMSA is available.`,
        fix: {
          summary:
            'Add a domain controller running Windows Server 2012 or later (then create the KDS root key) to use gMSA.',
          command:
            'Install-WindowsFeature -Name AD-Domain-Services -IncludeManagementTools; Install-ADDSDomainController -DomainName <domain>',
          actions: [],
        },
      };
    }
    const dmsaText =
      dmsa.length > 0
        ? `${listWords(dmsa)} can also serve dMSA (Windows Server 2025).`
        : 'None runs Windows Server 2025 (dMSA).';
    return { status: 'pass', found: `${count} gMSA-capable (2012+): ${listWords(gmsa)}. ${dmsaText}` };
  },
});

export const LEVEL_CHECKS = [domainLevels, domainControllers];
