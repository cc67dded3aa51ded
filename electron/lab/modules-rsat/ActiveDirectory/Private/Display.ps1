# How AD objects print. The real module ships no format views for ADUser, ADGroup, ADDomain, ...: its
# ActiveDirectory.Format.ps1xml only has views for the AD: drive's provider objects
# (Microsoft.ActiveDirectory.Management.ADObject#ProviderX500DefaultPropertySet), and its ActiveDirectory.Types.ps1xml
# gives every ADEntity type a type adapter (ADEntityAdapter) whose properties are exactly the directory properties
# the object was read with: the cmdlet's default property set plus -Properties. PowerShell's default formatting
# then shows those properties, in the object's (alphabetical) order, as a list (more than four of them). The lab's
# objects are ADEntity property collections with an adapter of their own (LabTypes.cs), which gives the same view;
# Add-LabAdEntityProperties loads them. Set-LabAdDefaultDisplay covers objects that carry NoteProperties instead
# (a DefaultDisplayPropertySet of exactly those); on adapted objects it changes nothing.

function Add-LabAdEntityProperties {
    <# Loads $Properties (name -> value, in order) into an ADEntity's property collection (LabTypes.cs; shown by the
       ADEntityAdapter as on Windows), the way ConvertTo-LabAdOutput builds directory objects. #>
    param($Entity, $Properties)
    foreach ($key in @($Properties.Keys)) { [Microsoft.ActiveDirectory.Management.ADEntity]::LabLoad($Entity, [string]$key, $Properties[$key]) }
    return $Entity
}

function Set-LabAdDefaultDisplay {
    <# Makes $Object print as the real module's objects do: its NoteProperties, in order, and nothing else. #>
    param($Object)
    $names = @($Object.PSObject.Properties | Where-Object { $_.MemberType -eq 'NoteProperty' } | ForEach-Object { $_.Name })
    if ($names.Count -eq 0) { return $Object }
    $set = New-Object System.Management.Automation.PSPropertySet ('DefaultDisplayPropertySet', [string[]]$names)
    Add-Member -InputObject $Object -MemberType MemberSet -Name PSStandardMembers -Value ([System.Management.Automation.PSMemberInfo[]]@($set)) -Force
    return $Object
}
