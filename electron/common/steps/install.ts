// On the target computer (the one this PowerShell session runs on): refresh its Kerberos ticket so it carries the
// new group (gMSA), Install-ADServiceAccount (required for an sMSA; for a gMSA only when it is not usable yet), and
// Test-ADServiceAccount, which must return True. When it returns False the test step reads the account, the
// computer and its groups and says why: not allowed, ticket not refreshed, encryption-type mismatch, sMSA linked
// elsewhere (or not linked / not installed), disabled.
import { z } from 'zod';
import { samOf, type Plan } from '../plan/plan-schema.js';
import { PsErrorKind } from '../powershell/errors.js';
import { joinScripts, ps } from '../powershell/script.js';
import { READ_ACCOUNT } from './account.js';
import { defineStep, explainFailure, NOTHING, STEP_TIMEOUT_MS, type StepOutcome, type StepSession } from './types.js';

const TEST = (sam: string) =>
  ps`[bool](Test-ADServiceAccount -Identity ${sam} -WarningAction SilentlyContinue -WarningVariable msaTestWarnings)`;

// ------------------------------------------------------------------------------------------- ticket refresh

const ticketRaw = z.object({
  usableBefore: z.boolean(),
  purged: z.boolean(),
  output: z.array(z.string()),
});

export const ticketStep = defineStep({
  id: 'refresh-ticket',
  title: "Refresh the computer's group membership",
  script(plan) {
    return ps`# The computer's Kerberos ticket lists the groups it was in when the ticket was issued: a group it just joined
# counts only after the ticket is renewed. Purging the computer's tickets (logon session 0x3e7) saves a restart.
$usable = ${TEST(samOf(plan))}
$purged = $false
$output = @()
if (-not $usable) {
    $result = Invoke-MsaNative -FilePath 'klist' -ArgumentList 'purge', '-li', '0x3e7'
    if ($result.ExitCode -ne 0) { throw ('klist purge -li 0x3e7 failed (exit code ' + $result.ExitCode + '): ' + ((@($result.Output) + @($result.Error)) -join ' ').Trim()) }
    $purged = $true
    $output = @($result.Output | ForEach-Object { [string]$_ } | Where-Object { $_ })
}
[ordered]@{ usableBefore = $usable; purged = $purged; output = $output }`;
  },
  raw: ticketRaw,
  judge: () => ps`# Judge: purged (done) or not needed (exists); klist's own failure already stopped the script.
if ($r.purged) { Complete-MsaStep 'done' "Purged this computer's Kerberos tickets (klist purge -li 0x3e7): its next ticket carries its current groups." }
else { Complete-MsaStep 'exists' 'The account already works here (Test-ADServiceAccount: True): nothing to refresh.' }`,
  evaluate(raw, plan): StepOutcome {
    if (!raw.purged) {
      return {
        status: 'exists',
        created: [],
        message: `${plan.targetComputer} can already use ${samOf(plan)} (Test-ADServiceAccount: True): its ticket is current, nothing to refresh.`,
      };
    }
    return {
      status: 'done',
      created: [],
      message: `Purged ${plan.targetComputer}'s computer Kerberos tickets (klist purge -li 0x3e7) so that its next ticket carries the group allowed to retrieve the password of ${samOf(plan)}; without this, it would see the new membership only after a restart.`,
    };
  },
  undo: () => NOTHING,
});

/**
 * The ticket refresh on ANOTHER host a workload runs on (a gMSA's; an sMSA has one computer), which the wizard reaches
 * through PowerShell remoting (../remote/). There Test-ADServiceAccount and Install-ADServiceAccount would need a
 * second hop to AD, which Windows refuses without delegation, so this step neither tests nor installs: it purges the
 * computer's tickets so its next one carries the group allowed to retrieve the password (harmless when it already
 * did: a new ticket is issued on demand). A gMSA needs no install; the host's workload steps prove the account works
 * there (the task's test run, the service's start, the pool's recycle).
 */
export const hostTicketStep = defineStep({
  id: 'refresh-ticket',
  title: "Refresh the computer's group membership",
  script() {
    return ps`# Purge this computer's Kerberos tickets (logon session 0x3e7): its next ticket carries the groups it is in now,
# the one allowed to retrieve the password included. (Test-ADServiceAccount would need a second hop to AD here.)
$result = Invoke-MsaNative -FilePath 'klist' -ArgumentList 'purge', '-li', '0x3e7'
if ($result.ExitCode -ne 0) { throw ('klist purge -li 0x3e7 failed (exit code ' + $result.ExitCode + '): ' + ((@($result.Output) + @($result.Error)) -join ' ').Trim()) }
[ordered]@{ usableBefore = $false; purged = $true; output = @($result.Output | ForEach-Object { [string]$_ } | Where-Object { $_ }) }`;
  },
  raw: ticketRaw,
  judge: () => ps`# Judge: purged (done); klist's own failure already stopped the script.
Complete-MsaStep 'done' "Purged this computer's Kerberos tickets (klist purge -li 0x3e7): its next ticket carries its current groups."`,
  evaluate(_raw, plan): StepOutcome {
    return {
      status: 'done',
      created: [],
      message: `Purged ${plan.targetComputer}'s computer Kerberos tickets (klist purge -li 0x3e7) so that its next ticket carries the group allowed to retrieve the password of ${samOf(plan)}. Test-ADServiceAccount and Install-ADServiceAccount are not run there from here (over remoting they would need a second hop to Active Directory); a gMSA needs no install, and the workload steps on ${plan.targetComputer} show that the account works there.`,
    };
  },
  undo: () => NOTHING,
});

// ------------------------------------------------------------------------------------------- diagnosis

const diagnosisRaw = z.object({
  result: z.boolean(),
  warnings: z.array(z.string()),
  account: z
    .object({
      dn: z.string(),
      objectClass: z.string(),
      encryptionTypes: z.array(z.string()),
      allowed: z.array(z.string()),
      enabled: z.boolean().nullable(),
      hostComputers: z.array(z.string()),
    })
    .nullable(),
  computer: z.object({ dn: z.string(), encryptionTypes: z.array(z.string()) }),
  /** The allowed principals the computer is in (itself, or a group it is a member of, nested included). */
  allowedVia: z.array(z.string()),
});
type DiagnosisRaw = z.infer<typeof diagnosisRaw>;

function testScript(plan: Plan) {
  return joinScripts([
    ps`# Test-ADServiceAccount on this computer; when it is False, collect what explains it.
$msaTestWarnings = $null
$result = ${TEST(samOf(plan))}
$account = Get-MsaOrNull { Get-ADServiceAccount -Identity ${samOf(plan)} -Properties $msaAccountProperties }
$computer = Get-ADComputer -Identity ${plan.targetComputer} -Properties KerberosEncryptionType
$computerEnc = @()
if ($null -ne $computer.KerberosEncryptionType) { $computerEnc = @(([string]$computer.KerberosEncryptionType) -split ',\\s*' | Where-Object { $_ -and $_ -ne 'None' }) }
$accountData = $null
$via = @()
if ($null -ne $account) {
    $read = Read-MsaAccount $account
    $accountData = [ordered]@{
        dn = $read.dn; objectClass = $read.objectClass; encryptionTypes = $read.encryptionTypes; allowed = $read.allowed
        enabled = $read.enabled; hostComputers = @($account.HostComputers | ForEach-Object { [string]$_ })
    }
    $via = @(foreach ($p in $read.allowed) {
        if ($p -eq [string]$computer.DistinguishedName) { $p; continue }
        $members = @(Get-MsaOrNull { Get-ADGroupMember -Identity $p -Recursive } | ForEach-Object { [string]$_.DistinguishedName })
        if ($members -contains [string]$computer.DistinguishedName) { $p }
    })
}
[ordered]@{
    result = $result; warnings = @($msaTestWarnings | ForEach-Object { [string]$_ }); account = $accountData
    computer = [ordered]@{ dn = [string]$computer.DistinguishedName; encryptionTypes = $computerEnc }; allowedVia = $via
}`,
  ]);
}

/** Why Test-ADServiceAccount is False, and the fix, in words. */
export function diagnose(raw: DiagnosisRaw, plan: Plan): string {
  const sam = samOf(plan);
  const host = plan.targetComputer;
  const a = raw.account;
  if (a === null) return `${sam} does not exist (or has not replicated to this DC yet): create it first.`;
  if (a.enabled === false) return `${sam} is disabled: enable it (Enable-ADAccount -Identity ${sam}).`;
  if (a.objectClass === 'msDS-ManagedServiceAccount') {
    const mine = a.hostComputers.some((d) => d.toLowerCase() === raw.computer.dn.toLowerCase());
    if (a.hostComputers.length === 0) {
      return `The sMSA ${sam} is not linked to any computer: link it (Add-ADComputerServiceAccount -Identity ${host} -ServiceAccount ${sam}), then install it.`;
    }
    if (!mine) {
      return `The sMSA ${sam} is linked to another computer (${a.hostComputers.join('; ')}); an sMSA works on one computer only. Unlink it there (Remove-ADComputerServiceAccount) and link it to ${host}, or use a gMSA.`;
    }
    return `The sMSA ${sam} is linked to ${host} but not installed here: run Install-ADServiceAccount -Identity ${sam} on ${host}.`;
  }
  if (raw.allowedVia.length === 0) {
    return `${host} is not allowed to retrieve the password of ${sam} (allowed: ${a.allowed.join('; ') || 'nobody'}). Add ${host} to the group (Add-ADGroupMember -Identity <group> -Members ${host}$), then refresh its ticket (klist purge -li 0x3e7).`;
  }
  const common = a.encryptionTypes.filter((t) => raw.computer.encryptionTypes.includes(t));
  if (a.encryptionTypes.length > 0 && raw.computer.encryptionTypes.length > 0 && common.length === 0) {
    return `Encryption-type mismatch: ${sam} allows ${a.encryptionTypes.join(', ')} but ${host} supports only ${raw.computer.encryptionTypes.join(', ')}. Enable AES on ${host} (the "Network security: Configure encryption types allowed for Kerberos" policy), or add a type it supports to the account (Set-ADServiceAccount -KerberosEncryptionType).`;
  }
  if (!raw.allowedVia.includes(raw.computer.dn)) {
    return `${host} is in ${raw.allowedVia.join('; ')}, but its Kerberos ticket predates that membership. Refresh it: klist purge -li 0x3e7 (as administrator on ${host}), or restart ${host}; then test again.`;
  }
  return `Test-ADServiceAccount returned False for an unknown reason${raw.warnings.length > 0 ? `: ${raw.warnings.join(' ')}` : ''}. Check the MSA operational log on ${host}.`;
}

async function runDiagnosis(session: StepSession, plan: Plan): Promise<DiagnosisRaw | undefined> {
  try {
    const [data] = await session.run(testStep.preview(plan), { timeoutMs: STEP_TIMEOUT_MS });
    const parsed = diagnosisRaw.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------- install

const installRaw = z.object({ usableBefore: z.boolean(), installed: z.boolean(), usableAfter: z.boolean() });

export const installStep = defineStep({
  id: 'install',
  title: 'Install the account on the computer',
  script(plan) {
    const gmsa = plan.accountType === 'gmsa';
    return ps`# Install ${samOf(plan)} on this computer (${plan.targetComputer}) unless it already works here.${
      gmsa
        ? ps`
# For a gMSA, installing is optional: it is skipped when Test-ADServiceAccount is already True.`
        : ps``
    }
$usable = ${TEST(samOf(plan))}
$installed = $false
if (-not $usable) {
    Install-ADServiceAccount -Identity ${samOf(plan)}
    $installed = $true
}
$after = ${TEST(samOf(plan))}
[ordered]@{ usableBefore = $usable; installed = $installed; usableAfter = $after }`;
  },
  raw: installRaw,
  judge: (
    plan,
  ) => ps`# Judge: installed (done) or already usable here (exists); a failed Install-ADServiceAccount already stopped the script.
if ($r.installed) { Complete-MsaStep 'done' ('Installed ' + ${samOf(plan)} + ' on ' + $env:COMPUTERNAME + '.') }
else { Complete-MsaStep 'exists' (${samOf(plan)} + ' already works on ' + $env:COMPUTERNAME + ' (Test-ADServiceAccount: True); nothing was installed.') }`,
  evaluate(raw, plan): StepOutcome {
    const sam = samOf(plan);
    if (!raw.installed) {
      return {
        status: 'exists',
        created: [],
        message: `${sam} already works on ${plan.targetComputer} (Test-ADServiceAccount: True); nothing was installed.`,
      };
    }
    return {
      status: 'done',
      created: [{ kind: 'installed-account', identity: sam, parent: plan.targetComputer }],
      message: `Installed ${sam} on ${plan.targetComputer}.`,
    };
  },
  async explainError(kind, error, session, plan) {
    if (kind !== PsErrorKind.InstallServiceAccountFailed) return undefined;
    const raw = await runDiagnosis(session, plan);
    const why = raw === undefined ? '' : ` ${diagnose(raw, plan)}`;
    return `${explainFailure(kind, error)}${why}`;
  },
  undo(created) {
    const installs = created.filter((c) => c.kind === 'installed-account');
    if (installs.length === 0) return NOTHING;
    return joinScripts(
      installs.map(
        (c) => ps`# Uninstall the account this run installed on this computer.
Uninstall-ADServiceAccount -Identity ${c.identity} -Confirm:$false`,
      ),
    );
  },
});

// ------------------------------------------------------------------------------------------- test

export const testStep = defineStep({
  id: 'test',
  title: 'Test the account on the computer',
  needs: READ_ACCOUNT,
  script: testScript,
  raw: diagnosisRaw,
  judge: (
    plan,
  ) => ps`# Judge: Test-ADServiceAccount must be True; when False, say why (the wizard's diagnosis, in short).
$sam = ${samOf(plan)}
$a = $r.account
$why = ''
if ($r.result) { $why = $null }
elseif ($null -eq $a) { $why = $sam + ' does not exist (or has not replicated to this DC yet).' }
elseif ($a.enabled -eq $false) { $why = $sam + ' is disabled: enable it (Enable-ADAccount -Identity ' + $sam + ').' }
elseif ($a.objectClass -eq 'msDS-ManagedServiceAccount') { $why = 'The sMSA is linked to ' + ((@($a.hostComputers) -join '; ')) + ': an sMSA works only on the computer it is linked to and installed on (Add-ADComputerServiceAccount, Install-ADServiceAccount).' }
elseif (@($r.allowedVia).Count -eq 0) { $why = $env:COMPUTERNAME + ' is not allowed to retrieve the password (allowed: ' + (@($a.allowed) -join '; ') + '). Add it to the group, then refresh its ticket (klist purge -li 0x3e7).' }
elseif (@($a.encryptionTypes).Count -gt 0 -and @($r.computer.encryptionTypes).Count -gt 0 -and @($a.encryptionTypes | Where-Object { @($r.computer.encryptionTypes) -contains $_ }).Count -eq 0) { $why = 'Encryption-type mismatch: the account allows ' + (@($a.encryptionTypes) -join ', ') + ' but this computer supports only ' + (@($r.computer.encryptionTypes) -join ', ') + '.' }
elseif (@($r.allowedVia) -notcontains $r.computer.dn) { $why = $env:COMPUTERNAME + ' is in ' + (@($r.allowedVia) -join '; ') + ', but its Kerberos ticket predates that membership: klist purge -li 0x3e7 (as administrator), or restart; then run this script again.' }
else { $why = 'Unknown reason: ' + (@($r.warnings) -join ' ') + ' Check the MSA operational log.' }
if ($null -ne $why) { Stop-MsaStep ('Test-ADServiceAccount -Identity ' + $sam + ' on ' + $env:COMPUTERNAME + ': False. ' + $why) }
Complete-MsaStep 'done' ('Test-ADServiceAccount -Identity ' + $sam + ' on ' + $env:COMPUTERNAME + ': True. The account is ready to use.')`,
  evaluate(raw, plan): StepOutcome {
    if (raw.result) {
      return {
        status: 'done',
        created: [],
        message: `Test-ADServiceAccount -Identity ${samOf(plan)} on ${plan.targetComputer}: True. The account is ready to use.`,
      };
    }
    return {
      status: 'failed',
      created: [],
      message: `Test-ADServiceAccount -Identity ${samOf(plan)} on ${plan.targetComputer}: False. ${diagnose(raw, plan)}`,
    };
  },
  undo: () => NOTHING,
});
