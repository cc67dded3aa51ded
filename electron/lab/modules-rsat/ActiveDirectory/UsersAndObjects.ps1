# Read-only cmdlets for the rest of the directory: Get-ADUser, Get-ADOrganizationalUnit and Get-ADObject (which
# also returns the domain, configuration and schema partition heads). The lab has no cmdlets that write these.

function LabImpl-Get-ADUser {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('user') -TypeName 'ADUser' -DefaultSet 'User'
}

function LabImpl-Get-ADOrganizationalUnit {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class @('organizationalUnit') -TypeName 'ADOrganizationalUnit' -DefaultSet 'OU'
}

function LabImpl-Get-ADObject {
    param($Cmdlet, $Bound)
    Invoke-LabAdGet -Cmdlet $Cmdlet -Bound $Bound -Class $null -TypeName 'ADObject' -DefaultSet 'Object' -IncludeVirtual
}
