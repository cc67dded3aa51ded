// Host checks: Windows edition and version, the PowerShell process, domain membership, the DC in use.
//
// The OS: on Windows the probe asks CIM (Win32_OperatingSystem). Where PowerShell runs on Linux or macOS (practice
// mode: the lab simulates a Windows computer), the local OS would say "Unix", which is not the computer the wizard
// stands for; the probe then reads the OS Windows records on the computer's AD account (operatingSystem /
// operatingSystemVersion, kept current by the machine itself) and says so in its answer. No lab-only command is used.
import { z } from 'zod';
import { psErrorInfoSchema } from '../powershell/envelope.js';
import { PsScript } from '../powershell/script.js';
import { defineCheck, probeErrorReason, type Evaluation } from './types.js';

const hostOsRaw = z.object({
  source: z.enum(['local', 'directory', 'none']),
  platform: z.string(),
  caption: z.string().nullable(),
  version: z.string().nullable(),
  productType: z.number().nullable(),
  architecture: z.string().nullable(),
  error: psErrorInfoSchema.nullable(),
});

interface WindowsVersion {
  readonly supported: boolean | null;
  readonly server: boolean | null;
}

/** Server 2016+ or Windows 10+, from the caption ("Microsoft Windows Server 2022 Standard") and version text. */
export function judgeWindows(caption: string, version: string | null, productType: number | null): WindowsVersion {
  const server = productType !== null ? productType !== 1 : /server/i.test(caption) ? true : null;
  const year = /Server (\d{4})/i.exec(caption)?.[1];
  if (year !== undefined) return { supported: Number(year) >= 2016, server: true };
  const client = /Windows (\d+(?:\.\d)?|Vista|XP)\b/i.exec(caption)?.[1];
  if (client !== undefined && server !== true) {
    const n = Number(client);
    return { supported: Number.isFinite(n) ? n >= 10 : false, server: false };
  }
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1] ?? NaN);
  if (Number.isFinite(major)) return { supported: major >= 10, server };
  return { supported: null, server };
}

export const hostOs = defineCheck({
  id: 'host-os',
  group: 'Host',
  title: 'Windows edition and version',
  why: 'The wizard and the cmdlets it runs (Install-ADServiceAccount, gMSA password retrieval, the ScheduledTasks module) are supported on Windows Server 2016 or later and Windows 10 or later.',
  command:
    'Get-CimInstance -ClassName Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, ProductType, OSArchitecture',
  probe: PsScript.fromTrustedSource(`if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
    $os = Get-CimInstance -ClassName Win32_OperatingSystem
    return [ordered]@{
        source = 'local'; platform = 'Win32NT'; caption = [string]$os.Caption; version = [string]$os.Version
        productType = [int]$os.ProductType; architecture = [string]$os.OSArchitecture; error = $null
    }
}
# Not Windows (practice mode on Linux/macOS): read the OS Windows records on this computer's AD account.
$platform = [string][System.Environment]::OSVersion.Platform
try {
    $c = Get-MsaFact -Name 'computer'
    [ordered]@{
        source = 'directory'; platform = $platform; caption = $c.operatingSystem; version = $c.operatingSystemVersion
        productType = $null; architecture = $null; error = $null
    }
} catch {
    [ordered]@{
        source = 'none'; platform = $platform; caption = $null; version = $null
        productType = $null; architecture = $null; error = (ConvertTo-MsaErrorInfo $_)
    }
}`),
  raw: hostOsRaw,
  evaluate(raw): Evaluation {
    if (raw.source === 'none' || raw.caption === null || raw.caption === '') {
      const reason = raw.error !== null ? probeErrorReason(raw.error) : 'the computer account has no operatingSystem';
      return {
        status: 'unknown',
        found: `PowerShell runs on ${raw.platform} here, so the Windows version is read from this computer's AD account, which failed: ${reason}`,
      };
    }
    const where =
      raw.source === 'local' ? 'this computer' : `its AD computer account (PowerShell here runs on ${raw.platform})`;
    const version = raw.version ? ` (${raw.version})` : '';
    const judged = judgeWindows(raw.caption, raw.version, raw.productType);
    const name = `${raw.caption}${version}, read from ${where}`;
    if (raw.architecture !== null && raw.architecture !== '' && !/64/.test(raw.architecture)) {
      return { status: 'fail', found: `${name}: a ${raw.architecture} Windows. The wizard needs 64-bit Windows.` };
    }
    if (judged.supported === true) return { status: 'pass', found: `${name}: supported.` };
    if (judged.supported === false) {
      return {
        status: 'fail',
        found: `${name}: older than Windows Server 2016 / Windows 10, which the wizard does not support.`,
        fix: {
          summary:
            'Run the wizard on Windows Server 2016 or later, or Windows 10 or later (it can manage accounts for older hosts from there).',
          command: '',
          actions: [],
        },
      };
    }
    return {
      status: 'warn',
      found: `${name}: could not tell whether this Windows is supported (Server 2016+ / Windows 10+).`,
    };
  },
});

const hostPowerShellRaw = z.object({
  version: z.string(),
  edition: z.string(),
  is64BitProcess: z.boolean(),
  is64BitOperatingSystem: z.boolean(),
});

export const hostPowerShell = defineCheck({
  id: 'host-powershell',
  group: 'Host',
  title: 'PowerShell: 64-bit, version 5.1 or later',
  why: 'The ActiveDirectory, ServerManager and Dism modules load in 64-bit PowerShell only (a 32-bit process on 64-bit Windows sees the SysWOW64 module folders), and the wizard writes its scripts for Windows PowerShell 5.1.',
  command: '$PSVersionTable.PSVersion; $PSVersionTable.PSEdition; [Environment]::Is64BitProcess',
  probe: PsScript.fromTrustedSource(`[ordered]@{
    version = $PSVersionTable.PSVersion.ToString(); edition = [string]$PSVersionTable.PSEdition
    is64BitProcess = [System.Environment]::Is64BitProcess; is64BitOperatingSystem = [System.Environment]::Is64BitOperatingSystem
}`),
  raw: hostPowerShellRaw,
  evaluate(raw): Evaluation {
    const [major = 0, minor = 0] = raw.version.split('.').map(Number);
    const name = `PowerShell ${raw.version} (${raw.edition}), ${raw.is64BitProcess ? '64-bit' : '32-bit'} process`;
    if (major < 5 || (major === 5 && minor < 1)) {
      return {
        status: 'fail',
        found: `${name}: older than 5.1.`,
        fix: {
          summary: 'Install Windows Management Framework 5.1 (Windows PowerShell 5.1), then restart the wizard.',
          command: '',
          actions: [],
        },
      };
    }
    if (!raw.is64BitProcess) {
      return {
        status: 'fail',
        found: `${name}${raw.is64BitOperatingSystem ? ' on 64-bit Windows' : ''}: the AD and ServerManager modules need 64-bit PowerShell.`,
        fix: {
          summary: 'Start the 64-bit PowerShell (System32, not SysWOW64) or the 64-bit build of the wizard.',
          command: '& "$env:WINDIR\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"',
          actions: [],
        },
      };
    }
    return { status: 'pass', found: `${name}.` };
  },
});

const hostDomainRaw = z.object({
  source: z.enum(['local', 'environment']),
  computer: z.string(),
  partOfDomain: z.boolean(),
  domain: z.string().nullable(),
});

export const hostDomain = defineCheck({
  id: 'host-domain',
  group: 'Host',
  title: 'Domain membership',
  why: 'Managed service accounts live in Active Directory and are used by domain members: this computer must be joined to the domain where the accounts will be created.',
  command: 'Get-CimInstance -ClassName Win32_ComputerSystem | Select-Object Name, PartOfDomain, Domain',
  // On Windows: CIM. Elsewhere (practice mode): the domain Windows puts in the logon environment.
  probe: PsScript.fromTrustedSource(`if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
    $cs = Get-CimInstance -ClassName Win32_ComputerSystem
    $domain = $null
    if ($cs.PartOfDomain) { $domain = [string]$cs.Domain }
    return [ordered]@{ source = 'local'; computer = [string]$cs.Name; partOfDomain = [bool]$cs.PartOfDomain; domain = $domain }
}
$domain = $null
if ($env:USERDNSDOMAIN) { $domain = $env:USERDNSDOMAIN.ToLowerInvariant() }
[ordered]@{ source = 'environment'; computer = [string]$env:COMPUTERNAME; partOfDomain = [bool]$domain; domain = $domain }`),
  raw: hostDomainRaw,
  evaluate(raw): Evaluation {
    const computer = raw.computer || 'This computer';
    if (raw.partOfDomain && raw.domain !== null) {
      const how = raw.source === 'environment' ? ' (from the logon environment, USERDNSDOMAIN)' : '';
      return { status: 'pass', found: `${computer} is a member of ${raw.domain}${how}.` };
    }
    return {
      status: 'fail',
      found: `${computer} is not joined to a domain${raw.source === 'environment' ? ' (no USERDNSDOMAIN in the logon environment)' : ''}.`,
      fix: {
        summary: 'Join this computer to the domain and restart it, then log on with a domain account.',
        command: "Add-Computer -DomainName '<domain DNS name>' -Credential (Get-Credential) -Restart",
        actions: [],
      },
    };
  },
});

const hostDcRaw = z.object({
  name: z.string(),
  hostName: z.string(),
  site: z.string(),
  operatingSystem: z.string(),
});

export const hostDc = defineCheck({
  id: 'host-dc',
  group: 'Host',
  title: 'A reachable domain controller',
  why: 'Every AD step talks to one domain controller through AD Web Services; it is also the DC whose KDS root key and replication state matter for this run.',
  command: 'Get-ADDomainController | Select-Object Name, HostName, Site, OperatingSystem',
  probe: PsScript.fromTrustedSource(`Get-MsaFact -Name 'adDc'`),
  raw: hostDcRaw,
  evaluate(raw): Evaluation {
    return {
      status: 'pass',
      found: `${raw.name} (${raw.hostName}, site ${raw.site}, ${raw.operatingSystem}) answers; the wizard's AD commands use it.`,
    };
  },
  onError(error) {
    if (/ADServerDownException$/.test(error.type)) {
      return {
        status: 'fail',
        found: `No domain controller answered: ${error.message}`,
        fix: {
          summary:
            'Check the network and DNS (the DC locator must find a DC), and that Active Directory Web Services runs on the DCs (TCP 9389).',
          command: 'nltest /dsgetdc:$env:USERDNSDOMAIN; Test-NetConnection -ComputerName <DC> -Port 9389',
          actions: [],
        },
      };
    }
    return undefined;
  },
});

export const HOST_CHECKS = [hostOs, hostPowerShell, hostDomain, hostDc];
