# The LabTypes assembly cache, dot-sourced by LabCore.psm1 in a scope of its own (and by its tests, which pass the
# facts about the process explicitly). Windows PowerShell 5.1 syntax only.
#
# Compiling the lab's C# types costs most of a lab session's start (0.6 s on an idle machine, seconds on a busy one),
# so the assembly is compiled once into a per-user cache, named by the sources' SHA-256 and the engine's version, and
# loaded from there (written to a temporary name and renamed: a reader never sees half a file). Anything wrong with
# the cache falls back to compiling in memory, as before.
#
# On Windows an elevated process (the Administrators role, which the app runs in) never uses a cache, not even
# MSA_WIZARD_LAB_CACHE: an unelevated program can set a user environment variable the elevated app inherits, and an
# elevated process must not load code from a folder the user's unelevated programs can write (no owner check here).
# Off Windows the owner check is the guard, for root too: a cache folder or assembly owned by another user, or
# writable by group or others, is never used, so root loads only what root alone can write (on Linux machines and
# containers that run everything as root, the cache is what keeps a lab session's start short). The folder:
# MSA_WIZARD_LAB_CACHE, or by default (off Windows, not under sudo) $XDG_CACHE_HOME or ~/.cache.

function Test-LabProcessElevated {
    if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
        $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
        return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    }
    $privileged = [System.Environment].GetProperty('IsPrivilegedProcess')  # .NET 8+: euid 0
    if ($privileged) { return [bool]$privileged.GetValue($null) }
    return ((& id -u) -eq '0')
}

function Get-LabTypesCacheFolder {
    <# The cache folder to use, or $null for none. #>
    param([string]$Requested, [bool]$Elevated, [bool]$OnWindows, [string]$SudoUser, [string]$XdgCacheHome, [string]$HomeDir)
    if ($Elevated -and $OnWindows) { return $null }
    if ($Requested) { return $Requested }
    if ($OnWindows -or $SudoUser) { return $null }
    if ($XdgCacheHome) { return (Join-Path $XdgCacheHome 'msa-wizard/lab-types') }
    if ($HomeDir) { return (Join-Path $HomeDir '.cache/msa-wizard/lab-types') }
    return $null
}

function Test-LabTypesCacheItemSafe {
    <# Off Windows: whether a cache folder or assembly is the current user's and not writable by group or others. #>
    param([string]$Path, [bool]$OnWindows)
    if ($OnWindows) { return $true }
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction Stop
    if ($item.User -ne [Environment]::UserName) { return $false }
    $mode = [int][System.IO.File]::GetUnixFileMode($Path)
    return (($mode -band 18) -eq 0)  # 16 = group write, 2 = others write
}

function Import-LabTypes {
    <# Loads the lab's types from the cache folder (compiling them into it first if needed), or compiles in memory. #>
    param([string[]]$Files, [string]$Cache, [bool]$OnWindows)
    $dll = $null
    $temp = $null
    try {
        if (-not $Cache) { throw 'no cache folder' }
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $text = ($Files | ForEach-Object { (Split-Path -Leaf $_) + [char]0 + [System.IO.File]::ReadAllText($_) }) -join [char]0
        $key = -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text)) | ForEach-Object { $_.ToString('x2') })
        $name = 'LabTypes-' + $key.Substring(0, 32) + '-' + $PSVersionTable.PSEdition + '-' + $PSVersionTable.PSVersion + '.dll'
        $null = New-Item -ItemType Directory -Path $Cache -Force
        if (-not (Test-LabTypesCacheItemSafe -Path $Cache -OnWindows $OnWindows)) { throw 'unsafe cache folder' }
        $dll = Join-Path $Cache $name
        if (-not (Test-Path -LiteralPath $dll -PathType Leaf)) {
            $temp = Join-Path $Cache ('LabTypes-' + [guid]::NewGuid().ToString('n') + '.dll')
            Add-Type -Path $Files -OutputAssembly $temp -OutputType Library
            try { [System.IO.File]::Move($temp, $dll) } catch { Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue }
            $temp = $null
        }
        if (-not (Test-LabTypesCacheItemSafe -Path $dll -OnWindows $OnWindows)) { $dll = $null; throw 'unsafe cached assembly' }
        Add-Type -Path $dll
    } catch {
        if ($temp) { Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue }  # a compile that threw
        # A damaged cached assembly is dropped (the next session compiles it again); this one compiles in memory.
        if ($dll -and -not ('Microsoft.ActiveDirectory.Management.ADPrincipal' -as [type])) { Remove-Item -LiteralPath $dll -Force -ErrorAction SilentlyContinue }
        if (-not ('Microsoft.ActiveDirectory.Management.ADPrincipal' -as [type])) { Add-Type -Path $Files }
    }
}
