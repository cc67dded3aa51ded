# CimCmdlets: Get-CimInstance and Invoke-CimMethod with Microsoft's signatures (CimCmdlets.Signatures.ps1, generated)
# for the classes the lab models, root/cimv2 Win32_Service (Win32Service.ps1) and, for the services' processes and
# their GetOwner, Win32_Process (Win32Process.ps1), on the lab computer's SCM
# (LabServices/Private/Scm.ps1, dot-sourced: the service cmdlets and Win32_Service are two views of one SCM, as on
# Windows). Any other class is the real "Invalid class" CIM error. WQL: the subset Win32Service.ps1 reads.
# CIM errors are CimException (where the engine has the type; COMException otherwise, as ScheduledTasks does) with
# the real 'HRESULT 0x8004xxxx,<Cmdlet class>' ids. Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'CimCmdlets.Signatures.ps1')
. (Join-Path $PSScriptRoot '../LabServices/Private/Scm.ps1')
. (Join-Path $PSScriptRoot 'Win32Service.ps1')
. (Join-Path $PSScriptRoot 'Win32Process.ps1')

$script:CimExceptionType = 'Microsoft.Management.Infrastructure.CimException'
try { [void](New-Object $script:CimExceptionType 'probe') } catch { $script:CimExceptionType = 'System.Runtime.InteropServices.COMException' }

function New-LabCimError {
    param([string]$Message, [string]$HResult, [string]$Command, [string]$Category, $Target)
    return New-LabError -ExceptionType $script:CimExceptionType -Message $Message -ErrorId ('HRESULT ' + $HResult + ',Microsoft.Management.Infrastructure.CimCmdlets.' + $Command) -Category $Category -Target $Target
}

function Assert-LabCimLocal {
    <# The lab's CIM reaches the lab session's own computer only (CimSession and other computers: use Invoke-Command). #>
    param($Bound, [string]$Command)
    $ctx = Get-LabContext
    $remote = $Bound.ContainsKey('CimSession')
    foreach ($c in @($Bound['ComputerName'])) {
        if ($null -eq $c) { continue }
        $n = ([string]$c -split '\.')[0]
        if (@('.', 'localhost', $ctx.Computer) -notcontains $n) { $remote = $true }
    }
    if ($remote) {
        throw (New-LabCimError -Message ("The lab's CIM cmdlets reach the lab session's own computer (" + $ctx.Computer + "); use Invoke-Command for another host.") -HResult '0x80338012' -Command $Command -Category 'ConnectionError' -Target $null)
    }
}

function Assert-LabCimClass {
    param([string]$ClassName, [string]$Namespace, [string]$Command)
    $ns = 'root/cimv2'
    if ($Namespace) { $ns = $Namespace.Replace('\', '/').Trim('/') }
    if ($ns -ne 'root/cimv2') {
        throw (New-LabCimError -Message 'Invalid namespace ' -HResult '0x8004100e' -Command $Command -Category 'MetadataError' -Target ($Namespace + ':' + $ClassName))
    }
    if ($ClassName -ne $script:ServiceClass -and $ClassName -ne $script:ProcessClass) {
        throw (New-LabCimError -Message 'Invalid class ' -HResult '0x80041010' -Command $Command -Category 'MetadataError' -Target ('root\cimv2:' + $ClassName))
    }
}

function ConvertFrom-LabWqlQuery {
    <# SELECT * FROM <class> [WHERE <filter>] -> @{ Class; Filter }; anything else is an invalid query. #>
    param([string]$Query, [string]$Command)
    $m = [regex]::Match($Query, '^\s*SELECT\s+(\*|[\w\s,]+?)\s+FROM\s+(\w+)\s*(?:WHERE\s+(.+?))?\s*$', 'IgnoreCase')
    if (-not $m.Success) { throw (New-LabCimError -Message 'Invalid query ' -HResult '0x80041017' -Command $Command -Category 'InvalidArgument' -Target $Query) }
    return @{ Class = $m.Groups[2].Value; Filter = $m.Groups[3].Value }
}

function Get-LabCimClassOf {
    <# The class of a CIM instance from its type names (...CimInstance#root/cimv2/<Class>, the most derived first). #>
    param($InputObject)
    foreach ($t in $InputObject.PSObject.TypeNames) {
        if ($t -match '^Microsoft\.Management\.Infrastructure\.CimInstance#root/cimv2/(\w+)$') { return $Matches[1] }
    }
    return ''
}

function LabImpl-Get-CimInstance {
    param($Cmdlet, $Bound)
    $command = 'GetCimInstanceCommand'
    Assert-LabCimLocal -Bound $Bound -Command $command
    if ($Bound.ContainsKey('ResourceUri')) {
        throw (New-LabCimError -Message 'Invalid class ' -HResult '0x80041010' -Command $command -Category 'MetadataError' -Target ([string]$Bound['ResourceUri']))
    }
    $set = $Cmdlet.ParameterSetName
    if ($set -like 'CimInstance*') {
        $io = $Bound['InputObject']
        Assert-LabCimClass -ClassName (Get-LabCimClassOf $io) -Namespace $null -Command $command
        if ((Get-LabCimClassOf $io) -eq $script:ProcessClass) {
            $found = @(Get-LabWin32ServiceProcesses -Filter ('ProcessId = ' + [uint32]$io.ProcessId) -Command $command)
            if ($found.Count -eq 0) { throw (New-LabCimError -Message 'Not found ' -HResult '0x80041002' -Command $command -Category 'ObjectNotFound' -Target $io.ProcessId) }
            return $found
        }
        $found = @(Get-LabWin32Services -Filter ("Name = '" + ([string]$io.Name).Replace("'", "''") + "'") -Command $command)
        if ($found.Count -eq 0) { throw (New-LabCimError -Message 'Not found ' -HResult '0x80041002' -Command $command -Category 'ObjectNotFound' -Target $io.Name) }
        return $found
    }
    if ($set -like 'Query*') {
        $q = ConvertFrom-LabWqlQuery -Query ([string]$Bound['Query']) -Command $command
        Assert-LabCimClass -ClassName $q.Class -Namespace ([string]$Bound['Namespace']) -Command $command
        if ($q.Class -eq $script:ProcessClass) { return (Get-LabWin32ServiceProcesses -Filter $q.Filter -Command $command) }
        return (Get-LabWin32Services -Filter $q.Filter -Command $command)
    }
    Assert-LabCimClass -ClassName ([string]$Bound['ClassName']) -Namespace ([string]$Bound['Namespace']) -Command $command
    if ([string]$Bound['ClassName'] -eq $script:ProcessClass) { return (Get-LabWin32ServiceProcesses -Filter ([string]$Bound['Filter']) -Command $command) }
    Get-LabWin32Services -Filter ([string]$Bound['Filter']) -Command $command
}

function LabImpl-Invoke-CimMethod {
    param($Cmdlet, $Bound)
    $command = 'InvokeCimMethodCommand'
    Assert-LabCimLocal -Bound $Bound -Command $command
    $set = $Cmdlet.ParameterSetName
    $method = [string]$Bound['MethodName']
    $arguments = @{}
    if ($Bound.ContainsKey('Arguments') -and $null -ne $Bound['Arguments']) { $arguments = $Bound['Arguments'] }
    $names = New-Object System.Collections.ArrayList
    if ($set -like 'CimInstance*') {
        $io = $Bound['InputObject']
        Assert-LabCimClass -ClassName (Get-LabCimClassOf $io) -Namespace $null -Command $command
        if ((Get-LabCimClassOf $io) -eq $script:ProcessClass) {
            # Of Win32_Process's methods the lab models GetOwner (no arguments).
            if ($method -ne 'GetOwner') { throw (New-LabCimError -Message 'Not supported ' -HResult '0x8004100c' -Command $command -Category 'NotImplemented' -Target $method) }
            if ($arguments.Count -gt 0) { throw (New-LabCimError -Message 'Invalid method Parameter(s) ' -HResult '0x8004102f' -Command $command -Category 'InvalidArgument' -Target (@($arguments.Keys)[0])) }
            if (-not $Cmdlet.ShouldProcess(('Win32_Process (Handle = "' + $io.Handle + '")'), 'Invoke-CimMethod: GetOwner')) { return }
            return (Invoke-LabWin32ProcessGetOwner -ProcessId ([int]$io.ProcessId) -Command $command)
        }
        [void]$names.Add([string]$io.Name)
    } elseif ($set -like 'Query*') {
        $q = ConvertFrom-LabWqlQuery -Query ([string]$Bound['Query']) -Command $command
        Assert-LabCimClass -ClassName $q.Class -Namespace ([string]$Bound['Namespace']) -Command $command
        if ($q.Class -eq $script:ProcessClass) { throw (New-LabCimError -Message 'Not supported ' -HResult '0x8004100c' -Command $command -Category 'NotImplemented' -Target $method) }
        foreach ($o in (Get-LabWin32Services -Filter $q.Filter -Command $command)) { [void]$names.Add([string]$o.Name) }
    } else {
        $class = [string]$Bound['ClassName']
        if ($set -like 'CimClass*') { $class = [string]$Bound['CimClass'].CimClassName }
        if ($set -like 'ResourceUri*') { $class = [string]$Bound['ResourceUri'] }
        Assert-LabCimClass -ClassName $class -Namespace ([string]$Bound['Namespace']) -Command $command
        # Win32_Service's one static method, Create, is not modelled: New-Service creates services here.
        throw (New-LabCimError -Message 'Not supported ' -HResult '0x8004100c' -Command $command -Category 'NotImplemented' -Target $method)
    }
    $known = $null
    foreach ($k in $script:MethodParameters.Keys) { if ($k -eq $method) { $known = $k } }
    if ($null -eq $known) {
        throw (New-LabCimError -Message 'Invalid method ' -HResult '0x8004102e' -Command $command -Category 'InvalidArgument' -Target $method)
    }
    foreach ($a in $arguments.Keys) {
        if (@($script:MethodParameters[$known]) -notcontains [string]$a) {
            throw (New-LabCimError -Message 'Invalid method Parameter(s) ' -HResult '0x8004102f' -Command $command -Category 'InvalidArgument' -Target ([string]$a))
        }
    }
    foreach ($n in $names) {
        if (-not $Cmdlet.ShouldProcess(('Win32_Service (Name = "' + $n + '")'), ('Invoke-CimMethod: ' + $known))) { continue }
        New-LabCimResult -ReturnValue (Invoke-LabWin32ServiceMethod -Name $n -Method $known -Arguments $arguments -Command $command)
    }
}

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'CimCmdlets.psd1')).FunctionsToExport
