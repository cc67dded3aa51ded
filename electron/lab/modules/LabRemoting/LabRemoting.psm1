# LabRemoting: PowerShell remoting in the lab. Invoke-Command with Microsoft's signature (LabRemoting.Signatures.ps1,
# generated from Microsoft.PowerShell.Core's documented one; a lab module of its own name, so the engine's other core
# cmdlets stay). With -ComputerName the block runs as that lab computer, in a runspace of its own in this process
# (Private/RemoteRunspace.ps1), at most -ThrottleLimit at a time; hosts whose WinRM is off, that the user may not
# connect to, or that do not exist fail with WinRM's real errors (Private/Connection.ps1); AD is out of reach from
# there (the second hop: LabCore's Get-LabDomainController). Without -ComputerName it runs the block here, as the engine's.
# The session preamble imports this module: a loaded function beats the engine's cmdlet of the same name.
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'LabRemoting.Signatures.ps1')
. (Join-Path $PSScriptRoot 'Private/Connection.ps1')
. (Join-Path $PSScriptRoot 'Private/RemoteScript.ps1')
. (Join-Path $PSScriptRoot 'Private/RemoteRunspace.ps1')
. (Join-Path $PSScriptRoot 'InvokeCommand.ps1')

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'LabRemoting.psd1')).FunctionsToExport
