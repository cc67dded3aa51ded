// For a computer without the app's MsaUserRights module (a real host: the module exists only in the lab): Get-,
// Grant- and Revoke-MsaUserRight defined by the script that needs them — the batch-right step, its undo, the
// survey's host part, and once in the exported plan script — with the same parameters and output as the module (see
// electron/lab/modules/MsaUserRights for the contract). One LSA call each (LsaEnumerateAccountsWithUserRight,
// LsaAddAccountRights, LsaRemoveAccountRights: one SID, one right, nothing else rewritten), and whether a domain GPO
// defines the right from the computer's resultant set of policy (root\rsop\computer, RSOP_UserPrivilegeRight with
// precedence 1). Defined only when the module's commands are missing, so the lab's own module stays in charge there.
// C# 5 only: Windows PowerShell 5.1 compiles Add-Type code with the .NET Framework compiler.
//
// Why Add-Type, and not the platform's own tool: Windows PowerShell 5.1 has no cmdlet for user rights; ntrights.exe
// is not shipped any more; secedit.exe can only export the whole policy and configure it back from an INF
// ([Privilege Rights] SeBatchLogonRight = *S-1-...,*S-1-...), which rewrites every holder of the right: an account
// granted between the export and the configure is dropped, and a mistake strips the right from Administrators. LSA
// adds the one SID, atomically. The cost: Add-Type compiles C#, which Constrained Language Mode (AppLocker or WDAC
// enforced) refuses, and an application control policy may block the compiled assembly. Both are detected before
// anything changes (error id MsaAddTypeBlocked, PsErrorKind.LanguageRestricted), saying what to do: run the wizard from a
// path the policy allows, or grant the right by Group Policy. The language check stands before the module test, so a
// lab host put in Constrained Language Mode fails the same way.
import { psLiteral, PsScript } from '../../powershell/script.js';

/** The error id the user-rights helpers stop with when Add-Type cannot work here (errors.ts: LanguageRestricted). */
export const ADD_TYPE_BLOCKED = 'MsaAddTypeBlocked';

/**
 * What to do instead, as the helpers say it (the right step names its own right and account: logon-right.ts). Quoted
 * by psLiteral where the script says it, so no character in it can end the literal.
 */
const WHAT_TO_DO =
  'Run the wizard elevated from a path your application control policy allows (PowerShell runs in FullLanguage there), or grant the right by Group Policy instead: Computer Configuration\\Policies\\Windows Settings\\Security Settings\\Local Policies\\User Rights Assignment\\Log on as a batch job (a scheduled task, an application pool) or Log on as a service (a Windows service), add the account, run gpupdate /target:computer /force, then run this step again.';

export const USER_RIGHTS_FALLBACK =
  PsScript.fromTrustedSource(`# User rights: Windows PowerShell has no cmdlet for them; LsaAddAccountRights (through Add-Type) adds one SID to one
# right, where secedit /configure would rewrite the whole right. Constrained Language Mode refuses Add-Type: say so first.
if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {
    Write-Error -ErrorId '${ADD_TYPE_BLOCKED}' -Category SecurityError -ErrorAction Stop -Message ('PowerShell runs in ' + [string]$ExecutionContext.SessionState.LanguageMode + ' mode on ' + $env:COMPUTERNAME + ' (an AppLocker or Windows Defender Application Control policy enforces it), which refuses Add-Type: the wizard grants user rights with LsaAddAccountRights, compiled by Add-Type, so nothing was granted. ' + ${psLiteral(WHAT_TO_DO)})
}
if (-not (Get-Command -Name Get-MsaUserRight -ErrorAction SilentlyContinue)) {
    try {
        Add-Type -ErrorAction Stop -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;
namespace MsaWizard {
    public static class UserRights {
        [StructLayout(LayoutKind.Sequential)]
        struct LsaString { public ushort Length; public ushort MaximumLength; public IntPtr Buffer; }
        [StructLayout(LayoutKind.Sequential)]
        struct LsaAttributes { public int Length; public IntPtr RootDirectory; public IntPtr ObjectName; public int Attributes; public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService; }
        [DllImport("advapi32.dll")] static extern uint LsaOpenPolicy(IntPtr systemName, ref LsaAttributes attributes, int access, out IntPtr policy);
        [DllImport("advapi32.dll")] static extern uint LsaEnumerateAccountsWithUserRight(IntPtr policy, ref LsaString right, out IntPtr buffer, out int count);
        [DllImport("advapi32.dll")] static extern uint LsaAddAccountRights(IntPtr policy, byte[] sid, LsaString[] rights, int count);
        [DllImport("advapi32.dll")] static extern uint LsaRemoveAccountRights(IntPtr policy, byte[] sid, bool all, LsaString[] rights, int count);
        [DllImport("advapi32.dll")] static extern uint LsaClose(IntPtr policy);
        [DllImport("advapi32.dll")] static extern uint LsaFreeMemory(IntPtr buffer);
        [DllImport("advapi32.dll")] static extern int LsaNtStatusToWinError(uint status);
        const uint NoMoreEntries = 0x8000001A;
        static LsaString Text(string s) { LsaString l = new LsaString(); l.Buffer = Marshal.StringToHGlobalUni(s); l.Length = (ushort)(s.Length * 2); l.MaximumLength = (ushort)(s.Length * 2 + 2); return l; }
        static void Check(uint status) { if (status != 0) throw new Win32Exception(LsaNtStatusToWinError(status)); }
        static IntPtr Open() { LsaAttributes a = new LsaAttributes(); a.Length = Marshal.SizeOf(typeof(LsaAttributes)); IntPtr p; Check(LsaOpenPolicy(IntPtr.Zero, ref a, 0x811, out p)); return p; }
        static byte[] Sid(string account) { SecurityIdentifier sid = (SecurityIdentifier)new NTAccount(account).Translate(typeof(SecurityIdentifier)); byte[] b = new byte[sid.BinaryLength]; sid.GetBinaryForm(b, 0); return b; }
        public static string[] Accounts(string right) {
            IntPtr policy = Open(); LsaString r = Text(right);
            try {
                IntPtr buffer; int count; uint status = LsaEnumerateAccountsWithUserRight(policy, ref r, out buffer, out count);
                if (status == NoMoreEntries) return new string[0];
                Check(status);
                List<string> names = new List<string>();
                for (int i = 0; i < count; i++) {
                    SecurityIdentifier sid = new SecurityIdentifier(Marshal.ReadIntPtr(buffer, i * IntPtr.Size));
                    try { names.Add(sid.Translate(typeof(NTAccount)).Value); } catch (IdentityNotMappedException) { names.Add("*" + sid.Value); }
                }
                LsaFreeMemory(buffer);
                return names.ToArray();
            } finally { Marshal.FreeHGlobal(r.Buffer); LsaClose(policy); }
        }
        public static void Change(string right, string account, bool grant) {
            IntPtr policy = Open(); LsaString[] r = new LsaString[] { Text(right) };
            try { if (grant) Check(LsaAddAccountRights(policy, Sid(account), r, 1)); else Check(LsaRemoveAccountRights(policy, Sid(account), false, r, 1)); }
            finally { Marshal.FreeHGlobal(r[0].Buffer); LsaClose(policy); }
        }
    }
}
'@
    } catch {
        # An application control policy may block compiling or loading the assembly even in FullLanguage.
        Write-Error -ErrorId '${ADD_TYPE_BLOCKED}' -Category SecurityError -ErrorAction Stop -Message ('Add-Type failed on ' + $env:COMPUTERNAME + ' (' + [string]$_.Exception.Message + '): an application control policy (AppLocker, WDAC) may block the code the wizard compiles to call LsaAddAccountRights, so nothing was granted. ' + ${psLiteral(WHAT_TO_DO)})
    }
    function Get-MsaUserRight {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true, Position = 0)][string]$Right, [string]$ComputerName)
        $gpo = $null
        try {
            $rsop = @(Get-CimInstance -Namespace 'root\\rsop\\computer' -ClassName 'RSOP_UserPrivilegeRight' -Filter ("UserRight='" + $Right + "' AND precedence=1") -ErrorAction Stop)
            if ($rsop.Count -gt 0) {
                $gpo = [string]$rsop[0].GPOID
                $named = @(Get-CimInstance -Namespace 'root\\rsop\\computer' -ClassName 'RSOP_GPO' -Filter ("id='" + $gpo + "'") -ErrorAction Stop)
                if ($named.Count -gt 0) { $gpo = [string]$named[0].name }
            }
        } catch { $gpo = $null }
        [pscustomobject]@{
            PSTypeName = 'MsaWizard.UserRight'; Right = $Right; ComputerName = $env:COMPUTERNAME
            Accounts = [string[]][MsaWizard.UserRights]::Accounts($Right); ManagedByGpo = ($null -ne $gpo); GpoName = $gpo
        }
    }
    function Grant-MsaUserRight {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true, Position = 0)][string]$Right, [Parameter(Mandatory = $true, Position = 1)][string]$Account)
        [MsaWizard.UserRights]::Change($Right, $Account, $true)
        Get-MsaUserRight -Right $Right
    }
    function Revoke-MsaUserRight {
        [CmdletBinding()]
        param([Parameter(Mandatory = $true, Position = 0)][string]$Right, [Parameter(Mandatory = $true, Position = 1)][string]$Account)
        [MsaWizard.UserRights]::Change($Right, $Account, $false)
        Get-MsaUserRight -Right $Right
    }
}`);
