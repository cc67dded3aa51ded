# The lab host's console process (console.ts): every console script runs in a NEW runspace of this process, set up
# as a cold session is (the bootstrap, then the lab preamble), so nothing of one exec is left for the next. The
# runspace for the next exec is made ready in the background right after each one (on a runspace of its own), and
# used only if it was made for the same preamble and the same lab-state.json; otherwise one is made on the spot.
# Windows PowerShell 5.1 syntax only.

# Makes a runspace ready: param Bootstrap, Preamble, LabDir, UiHost. Returns @{ Key; Runspace; Shell; Error }, Error
# being the preamble's first error as a cold session words it ("message (FullyQualifiedErrorId)"). -KeyOnly: the key.
$global:MsaConsolePrepareText = @'
param([string]$Bootstrap, [string]$Preamble, [string]$LabDir, $UiHost, [switch]$KeyOnly)
$sha = [System.Security.Cryptography.SHA256]::Create()
$text = [System.Text.Encoding]::UTF8.GetBytes($Preamble)
$state = New-Object byte[] 0
try { $state = [System.IO.File]::ReadAllBytes((Join-Path $LabDir 'lab-state.json')) } catch { $state = New-Object byte[] 0 }
[void]$sha.TransformBlock($text, 0, $text.Length, $null, 0)
[void]$sha.TransformFinalBlock($state, 0, $state.Length)
$key = [Convert]::ToBase64String($sha.Hash)
if ($KeyOnly) { return $key }
$ready = @{ Key = $key; Runspace = $null; Shell = $null; Error = $null }
$ready.Runspace = [runspacefactory]::CreateRunspace($UiHost)
$ready.Runspace.Open()
$ready.Shell = [powershell]::Create()
$ready.Shell.Runspace = $ready.Runspace
[void]$ready.Shell.AddScript($Bootstrap).Invoke()
$ready.Shell.Commands.Clear()
try {
    # As a cold session runs it (Invoke-MsaRequest): errors stop it; its warnings are nobody's business.
    [void]$ready.Shell.AddScript("`$ErrorActionPreference = 'Stop'`n`$WarningPreference = 'SilentlyContinue'`n" + $Preamble, $true).Invoke()
}
catch {
    $inner = $_.Exception.InnerException
    if ($inner -is [System.Management.Automation.IContainsErrorRecord]) {
        $ready.Error = $inner.ErrorRecord.Exception.Message + ' (' + $inner.ErrorRecord.FullyQualifiedErrorId + ')'
    }
    else { $ready.Error = $_.Exception.Message }
}
$ready.Shell.Commands.Clear()
return $ready
'@
$global:MsaConsoleSpare = $null
$global:MsaConsolePreparer = $null

function global:Close-MsaConsoleRunspace {
    param($Ready)
    if ($null -eq $Ready) { return }
    if ($null -ne $Ready.Shell) { $Ready.Shell.Dispose() }
    if ($null -ne $Ready.Runspace) { $Ready.Runspace.Dispose() }
}

# Runs one console request (a request line for Invoke-MsaRequest) in a fresh runspace. Returns the preamble's error,
# or the request's envelope line as Invoke-MsaRequest wrote it. Environment variables and the process's working
# folder are put back afterwards.
function global:Invoke-MsaConsole {
    param([string]$Bootstrap, [string]$Preamble, [string]$LabDir, [string]$RequestLine, [string]$Cwd)
    $prepare = [scriptblock]::Create($global:MsaConsolePrepareText)
    $ready = $null
    $spare = $global:MsaConsoleSpare
    $global:MsaConsoleSpare = $null
    if ($null -ne $spare) {
        try { $ready = @($spare.Shell.EndInvoke($spare.Async))[0] } catch { $ready = $null }
        $spare.Shell.Dispose()
        if ($null -ne $ready) {
            $now = & $prepare -Preamble $Preamble -LabDir $LabDir -KeyOnly
            if ($ready.Key -cne $now -or $null -ne $ready.Error) {
                Close-MsaConsoleRunspace $ready
                $ready = $null
            }
        }
    }
    if ($null -eq $ready) { $ready = & $prepare -Bootstrap $Bootstrap -Preamble $Preamble -LabDir $LabDir -UiHost $Host }

    $result = [ordered]@{ preambleError = $ready.Error; console = $null }
    if ($null -eq $ready.Error) {
        $savedEnv = @{}
        foreach ($e in [System.Environment]::GetEnvironmentVariables().GetEnumerator()) { $savedEnv[[string]$e.Key] = [string]$e.Value }
        $savedDir = [System.Environment]::CurrentDirectory
        $savedOut = [Console]::Out
        $writer = New-Object System.IO.StringWriter
        try {
            if (Test-Path -LiteralPath $Cwd -PathType Container) {
                [System.Environment]::CurrentDirectory = $Cwd
                [void]$ready.Shell.AddCommand('Set-Location').AddParameter('LiteralPath', $Cwd).Invoke()
                $ready.Shell.Commands.Clear()
            }
            # Invoke-MsaRequest writes its envelope line to [Console]::Out: catch it here.
            [Console]::SetOut($writer)
            [void]$ready.Shell.AddScript($RequestLine).Invoke()
        }
        finally {
            [Console]::SetOut($savedOut)
            foreach ($e in @([System.Environment]::GetEnvironmentVariables().GetEnumerator())) {
                if (-not $savedEnv.ContainsKey([string]$e.Key)) { [System.Environment]::SetEnvironmentVariable([string]$e.Key, $null) }
            }
            foreach ($k in $savedEnv.Keys) {
                if ([System.Environment]::GetEnvironmentVariable($k) -cne $savedEnv[$k]) {
                    [System.Environment]::SetEnvironmentVariable($k, $savedEnv[$k])
                }
            }
            [System.Environment]::CurrentDirectory = $savedDir
        }
        $result.console = $writer.ToString()
    }
    Close-MsaConsoleRunspace $ready

    # The next exec's runspace, made ready in the background while nothing else runs here.
    if ($null -eq $global:MsaConsolePreparer) {
        $global:MsaConsolePreparer = [runspacefactory]::CreateRunspace($Host)
        $global:MsaConsolePreparer.Open()
    }
    $shell = [powershell]::Create()
    $shell.Runspace = $global:MsaConsolePreparer
    [void]$shell.AddScript($global:MsaConsolePrepareText).AddArgument($Bootstrap).AddArgument($Preamble).AddArgument($LabDir).AddArgument($Host)
    $global:MsaConsoleSpare = @{ Shell = $shell; Async = $shell.BeginInvoke() }
    return $result
}
