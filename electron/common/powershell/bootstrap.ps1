# MSA Wizard session bootstrap. Runs once, dot-sourced, when a PowerShell session starts.
# It must stay Windows PowerShell 5.1 syntax: no ternary, no ?? or ?., no && / || chains, no -Parallel.
# See README.md beside this file for the request/envelope protocol.

$ProgressPreference = 'SilentlyContinue'
$InformationPreference = 'Continue'
$utf8 = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $utf8
$OutputEncoding = $utf8
if ($PSVersionTable.PSVersion.Major -ge 7) {
    # PowerShell 7 colours its output with ANSI escapes unless told otherwise.
    $PSStyle.OutputRendering = 'PlainText'
}

# Converts any object into hashtables, arrays, strings, numbers, booleans and nulls, so that ConvertTo-Json gives
# the same text on 5.1 and 7: dates become ISO 8601 (5.1 would write \/Date(...)\/), enums become their names
# (5.1 writes numbers), one-element arrays stay arrays, and depth is bounded here rather than silently truncated.
function global:ConvertTo-MsaPlain {
    param($InputObject, [int]$Depth = 0)
    if ($null -eq $InputObject) { return $null }
    $o = $InputObject
    if ($o -is [System.Management.Automation.PSObject]) { $o = $o.PSObject.BaseObject }
    if ($o -is [string]) { return [string]$o }
    if ($o -is [char]) { return [string]$o }
    if ($o -is [bool]) { return [bool]$o }
    if ($o -is [System.Enum]) { return $o.ToString() }
    if ($o -is [datetime]) { return $o.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
    if ($o -is [System.DateTimeOffset]) { return $o.ToString('o', [System.Globalization.CultureInfo]::InvariantCulture) }
    if ($o -is [timespan]) { return $o.ToString('c', [System.Globalization.CultureInfo]::InvariantCulture) }
    if ($o -is [double] -or $o -is [single]) {
        if ([double]::IsNaN($o) -or [double]::IsInfinity($o)) { return $o.ToString([System.Globalization.CultureInfo]::InvariantCulture) }
        return $o
    }
    if ($o -is [long] -or $o -is [uint64] -or $o -is [decimal]) {
        # JavaScript numbers are exact only up to 2^53; larger values travel as text.
        if ([math]::Abs([decimal]$o) -gt 9007199254740991) { return $o.ToString([System.Globalization.CultureInfo]::InvariantCulture) }
        return $o
    }
    if ($o -is [System.ValueType] -and $o.GetType().IsPrimitive) { return $o }
    if ($o -is [guid] -or $o -is [version] -or $o -is [uri] -or $o -is [System.Security.Principal.IdentityReference]) {
        return $o.ToString()
    }
    if ($o -is [System.Security.SecureString]) { return $null }
    if ($o -is [byte[]]) { return [Convert]::ToBase64String($o) }
    if ($o -is [scriptblock]) { return $o.ToString() }
    if ($Depth -ge 8) { return $o.ToString() }
    $next = $Depth + 1
    # System dictionaries become objects. Other types that happen to be dictionaries (AD entities, for example)
    # are read through PowerShell's adapted properties below, which is how admins see them.
    if ($o -is [System.Collections.IDictionary] -and $o.GetType().FullName.StartsWith('System.')) {
        $map = [ordered]@{}
        # GetEnumerator, not .Keys: a hashtable with a key named 'keys' would answer .Keys with that entry's value.
        foreach ($entry in $o.GetEnumerator()) { $map[[string]$entry.Key] = ConvertTo-MsaPlain $entry.Value $next }
        return $map
    }
    if ($o -is [System.Collections.IEnumerable]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $o) { [void]$list.Add((ConvertTo-MsaPlain $item $next)) }
        return , $list.ToArray()
    }
    $skip = @('CimClass', 'CimInstanceProperties', 'CimSystemProperties')
    $map = [ordered]@{}
    foreach ($p in $InputObject.PSObject.Properties) {
        if ($skip -contains $p.Name) { continue }
        $value = $null
        try { $value = $p.Value } catch { $value = $null }
        $map[$p.Name] = ConvertTo-MsaPlain $value $next
    }
    return $map
}

# One error record as the app's structured error. The FullyQualifiedErrorId and exception types are what the
# app's error map keys on: messages are localized on non-English domain controllers.
function global:ConvertTo-MsaErrorInfo {
    param([System.Management.Automation.ErrorRecord]$Record)
    $exception = $Record.Exception
    $inner = $exception
    while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
    $target = $null
    if ($null -ne $Record.TargetObject) { $target = [string]$Record.TargetObject }
    $detail = $null
    if ($null -ne $Record.ErrorDetails) { $detail = $Record.ErrorDetails.Message }
    $command = $null
    $line = $null
    if ($null -ne $Record.InvocationInfo) {
        if ($null -ne $Record.InvocationInfo.MyCommand) { $command = $Record.InvocationInfo.MyCommand.Name }
        $line = $Record.InvocationInfo.ScriptLineNumber
    }
    $hresult = $null
    if ($null -ne $exception) { $hresult = $exception.HResult }
    return [ordered]@{
        type           = $exception.GetType().FullName
        innerType      = $inner.GetType().FullName
        fqid           = [string]$Record.FullyQualifiedErrorId
        category       = $Record.CategoryInfo.Category.ToString()
        target         = $target
        message        = $exception.Message
        detail         = $detail
        command        = $command
        line           = $line
        hresult        = $hresult
    }
}

# Decodes a JSON payload made by the script builder (base64 UTF-8). Strings stay strings on every version:
# PowerShell 7 would otherwise turn date-like text into DateTime, and would unroll a top-level array.
function global:ConvertFrom-MsaJson {
    param([Parameter(Mandatory = $true)][string]$Base64)
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Base64))
    $options = @{ InputObject = $json }
    if ($PSVersionTable.PSVersion.Major -ge 7) { $options['NoEnumerate'] = $true }
    if ($PSVersionTable.PSVersion -ge [version]'7.5') { $options['DateKind'] = 'String' }
    ConvertFrom-Json @options
}

# Runs a native tool (klist, secedit, ...) and returns its exit code, standard output and standard error as
# data. Under $ErrorActionPreference = 'Stop', Windows PowerShell 5.1 would turn the tool's first stderr line into
# a terminating error; here stderr is collected instead and the exit code decides.
function global:Invoke-MsaNative {
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$ArgumentList = @())
    $ErrorActionPreference = 'Continue'
    $stdout = New-Object System.Collections.ArrayList
    $stderr = New-Object System.Collections.ArrayList
    $global:LASTEXITCODE = 0
    & $FilePath @ArgumentList 2>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) { [void]$stderr.Add([string]$_.Exception.Message) }
        else { [void]$stdout.Add([string]$_) }
    }
    return [pscustomobject]@{ ExitCode = $global:LASTEXITCODE; Output = $stdout.ToArray(); Error = $stderr.ToArray() }
}

# Reports progress while a request runs, before its envelope: one line straight to the console,
#   <<MSA-PROGRESS <id> <base64 UTF-8 JSON>>>
# which the session hands to the request's onProgress as it arrives (discovery: each host as it answers). Outside a
# request (or outside the app: a script copied to a console) there is no one to tell, and it does nothing.
function global:Write-MsaProgress {
    param([Parameter(Mandatory = $true)]$Data)
    if ($null -eq $global:MsaRequestId) { return }
    $json = ConvertTo-Json -InputObject (ConvertTo-MsaPlain $Data) -Depth 32 -Compress
    $line = '<<MSA-PROGRESS ' + $global:MsaRequestId + ' ' + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json)) + '>>'
    [Console]::Out.WriteLine($line)
    [Console]::Out.Flush()
}

# Runs one request. $Script is base64 UTF-8 PowerShell made by the app's script builder. Writes exactly one line:
#   <<MSA-ENVELOPE <id> <base64 UTF-8 JSON>>>
# straight to the console, bypassing PowerShell's formatter, so line width and console encoding can't touch it.
function global:Invoke-MsaRequest {
    param([Parameter(Mandatory = $true)][string]$Id, [Parameter(Mandatory = $true)][string]$Script)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $output = New-Object System.Collections.ArrayList
    $errors = New-Object System.Collections.ArrayList
    $warnings = New-Object System.Collections.ArrayList
    $information = New-Object System.Collections.ArrayList
    $stderr = New-Object System.Collections.ArrayList
    $global:LASTEXITCODE = $null
    $global:MsaRequestId = $Id
    try {
        $text = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Script))
        $block = [scriptblock]::Create($text)
        # Errors stop the script (fail fast, the same on 5.1 and 7). Errors a script lets through on purpose
        # (-ErrorAction Continue) still arrive on the merged stream and still fail the request.
        & { $ErrorActionPreference = 'Stop'; & $block } 2>&1 3>&1 6>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) {
                if ($_.FullyQualifiedErrorId -like 'NativeCommandError*') { [void]$stderr.Add([string]$_.Exception.Message) }
                else { [void]$errors.Add((ConvertTo-MsaErrorInfo $_)) }
            }
            elseif ($_ -is [System.Management.Automation.WarningRecord]) { [void]$warnings.Add([string]$_.Message) }
            elseif ($_ -is [System.Management.Automation.InformationRecord]) { [void]$information.Add([string]$_.MessageData) }
            else { [void]$output.Add($_) }
        }
    }
    catch {
        [void]$errors.Add((ConvertTo-MsaErrorInfo $_))
    }
    $global:MsaRequestId = $null
    $data = $null
    try { $data = ConvertTo-MsaPlain $output.ToArray() }
    catch { [void]$errors.Add((ConvertTo-MsaErrorInfo $_)) }
    $exitCode = $null
    if ($null -ne $global:LASTEXITCODE) { $exitCode = [int]$global:LASTEXITCODE }
    $envelope = [ordered]@{
        v           = 1
        id          = $Id
        ok          = ($errors.Count -eq 0)
        data        = $data
        errors      = $errors.ToArray()
        warnings    = $warnings.ToArray()
        information = $information.ToArray()
        stderr      = $stderr.ToArray()
        exitCode    = $exitCode
        durationMs  = [int]$clock.ElapsedMilliseconds
    }
    $json = ConvertTo-Json -InputObject $envelope -Depth 32 -Compress
    $line = '<<MSA-ENVELOPE ' + $Id + ' ' + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json)) + '>>'
    [Console]::Out.WriteLine($line)
    [Console]::Out.Flush()
}
