# LabServices: the service cmdlets of Windows PowerShell 5.1's Microsoft.PowerShell.Management (Get-Service,
# New-Service, Set-Service, Start-Service, Stop-Service, Restart-Service) on the lab computer's services, with
# Microsoft's signatures (LabServices.Signatures.ps1, generated). A lab module of its own name: one named
# Microsoft.PowerShell.Management would hide that module's every other cmdlet (Get-Item, Test-Path, ...).
# The SCM model is Private/Scm.ps1, shared with the lab's CimCmdlets (Win32_Service). Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'LabServices.Signatures.ps1')
. (Join-Path $PSScriptRoot 'Private/Scm.ps1')
. (Join-Path $PSScriptRoot 'Services.ps1')

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'LabServices.psd1')).FunctionsToExport
