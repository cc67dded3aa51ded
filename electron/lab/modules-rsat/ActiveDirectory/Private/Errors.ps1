# The error records the AD cmdlets throw: identity not found, directory-server errors (Win32 code in the FQID) and
# errors the cmdlet raises itself. Every cmdlet file uses them (real ids: electron/common/powershell/errors.ts).

$script:ADException = 'Microsoft.ActiveDirectory.Management.ADException'

function Get-LabAdIdText {
    param($Identity)
    if ($null -eq $Identity) { return '' }
    if ($Identity -is [Microsoft.ActiveDirectory.Management.ADEntity]) { return [string][Microsoft.ActiveDirectory.Management.ADEntity]::LabIdentityOf($Identity) }
    return [string]$Identity
}

function New-LabAdNotFoundError {
    <# ADIdentityNotFoundException, as every AD cmdlet writes it for an identity it cannot resolve. #>
    param([string]$CmdletName, $Identity, [string]$Under, [string]$Message)
    if (-not $Message) { $Message = "Cannot find an object with identity: '$(Get-LabAdIdText $Identity)' under: '$Under'." }
    return New-LabError -ExceptionType 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Message $Message `
        -ErrorId ('ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,' + (Get-LabCmdletClass $CmdletName)) `
        -Category 'ObjectNotFound' -Target $Identity
}

function New-LabAdServerError {
    <# An error the directory server returned: ADException with the Win32 code in the FQID and ErrorCode. #>
    param([string]$CmdletName, [string]$Message, [int]$Code, $Target, [string]$Category = 'NotSpecified', [string]$ExceptionType = 'Microsoft.ActiveDirectory.Management.ADException')
    return New-LabError -ExceptionType $ExceptionType -Message $Message -ErrorId ("ActiveDirectoryServer:$Code," + (Get-LabCmdletClass $CmdletName)) `
        -Category $Category -Target $Target -ErrorCode $Code
}

function New-LabAdCmdletError {
    <# An error the cmdlet raises itself (no server code): 'ActiveDirectoryCmdlet:<exception type>,<class>'. #>
    param([string]$CmdletName, [string]$Message, [string]$ExceptionType = 'Microsoft.ActiveDirectory.Management.ADException', $Target, [string]$Category = 'InvalidOperation')
    return New-LabError -ExceptionType $ExceptionType -Message $Message -ErrorId ("ActiveDirectoryCmdlet:$ExceptionType," + (Get-LabCmdletClass $CmdletName)) `
        -Category $Category -Target $Target
}
