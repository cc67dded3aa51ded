# Value helpers that need no lab state: distinguished-name parsing and comparison, canonical names, the
# sAMAccountName character rules, stable GUIDs, SIDs and the Kerberos encryption-type flags.

function Get-LabAdParentDn {
    param([string]$Dn)
    $m = [regex]::Match($Dn, '^((?:[^,\\]|\\.)*),(.*)$')
    if ($m.Success) { return $m.Groups[2].Value }
    return ''
}

function Get-LabAdRdnValues {
    <# 'CN=a\,b,OU=x,DC=c' -> @(@('CN','a,b'), @('OU','x'), @('DC','c')) #>
    param([string]$Dn)
    $parts = New-Object System.Collections.ArrayList
    foreach ($m in [regex]::Matches($Dn, '((?:[^,\\]|\\.)+)')) {
        $rdn = $m.Groups[1].Value
        $eq = $rdn.IndexOf('=')
        if ($eq -lt 0) { continue }
        $value = [regex]::Replace($rdn.Substring($eq + 1), '\\(.)', '$1')
        [void]$parts.Add(@($rdn.Substring(0, $eq).Trim(), $value))
    }
    return , $parts.ToArray()
}

function ConvertTo-LabAdRdnValue {
    param([string]$Value)
    return ($Value -replace '([,\\#+<>;"=])', '\$1')
}

function Test-LabAdDnEqual {
    param([string]$A, [string]$B)
    return [string]::Equals($A, $B, [System.StringComparison]::OrdinalIgnoreCase)
}

function Test-LabAdUnder {
    <# Is $Dn inside $Base for the search scope (Base, OneLevel, Subtree)? #>
    param([string]$Dn, [string]$Base, [string]$Scope = 'Subtree')
    switch ($Scope) {
        'Base' { return (Test-LabAdDnEqual $Dn $Base) }
        'OneLevel' { return (Test-LabAdDnEqual (Get-LabAdParentDn $Dn) $Base) }
        default { return ((Test-LabAdDnEqual $Dn $Base) -or $Dn.EndsWith(',' + $Base, [System.StringComparison]::OrdinalIgnoreCase)) }
    }
}

function ConvertTo-LabAdCanonicalName {
    param([string]$Dn, [string]$DnsRoot)
    $names = New-Object System.Collections.ArrayList
    foreach ($rdn in (Get-LabAdRdnValues $Dn)) {
        if ($rdn[0] -ne 'DC') { [void]$names.Insert(0, $rdn[1]) }
    }
    return $DnsRoot + '/' + ($names.ToArray() -join '/')
}

function Test-LabAdNameValid {
    <# sAMAccountName rules: none of " / \ [ ] : ; | = , + * ? < > @, no leading/trailing space, no trailing dot. #>
    param([string]$Name)
    if ([string]::IsNullOrEmpty($Name)) { return $false }
    if ($Name -match '["/\\\[\]:;|=,+*?<>@]') { return $false }
    if ($Name -ne $Name.Trim()) { return $false }
    if ($Name.EndsWith('.')) { return $false }
    return $true
}

function Get-LabAdStableGuid {
    <# A GUID that stays the same for the same text (domain, NTDS settings objects, ...). #>
    param([string]$Text)
    $md5 = [System.Security.Cryptography.MD5]::Create()
    try { $bytes = $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Text.ToLowerInvariant())) } finally { $md5.Dispose() }
    return New-Object guid (, $bytes)
}

# ConvertTo-LabSid turns this off the first time the platform has no SecurityIdentifier type.

$script:RealSid = $true

function ConvertTo-LabSid {
    <# System.Security.Principal.SecurityIdentifier where the platform has it (Windows). Elsewhere .NET has no SIDs,
       so the SID is its string with a Value property, which is what scripts read and what the envelope shows. #>
    param([string]$Value)
    if (-not $Value) { return $null }
    if ($script:RealSid) {
        try { return New-Object System.Security.Principal.SecurityIdentifier $Value } catch { $script:RealSid = $false }
    }
    $domainPart = $Value
    $m = [regex]::Match($Value, '^(S-1-5-21-\d+-\d+-\d+)-\d+$')
    if ($m.Success) { $domainPart = $m.Groups[1].Value }
    $sid = Add-Member -InputObject ([string]$Value) -NotePropertyName 'Value' -NotePropertyValue ([string]$Value) -PassThru
    return (Add-Member -InputObject $sid -NotePropertyName 'AccountDomainSid' -NotePropertyValue $domainPart -PassThru)
}

function ConvertTo-LabEncNames {
    <# ADKerberosEncryptionType flags (or msDS-SupportedEncryptionTypes) -> the names the state keeps. #>
    param($Value)
    # Flags, a number, or names ('AES128, AES256', as a script assigns them to an -Instance object).
    $v = [int][Microsoft.ActiveDirectory.Management.ADKerberosEncryptionType]$Value
    $names = New-Object System.Collections.ArrayList
    if (($v -band 3) -ne 0) { [void]$names.Add('DES') }
    if (($v -band 4) -ne 0) { [void]$names.Add('RC4') }
    if (($v -band 8) -ne 0) { [void]$names.Add('AES128') }
    if (($v -band 16) -ne 0) { [void]$names.Add('AES256') }
    # Unrolled on purpose: callers collect with @(), which would nest an array returned with the comma operator.
    return $names.ToArray()
}

function ConvertTo-LabEncValue {
    param($Names)
    $v = 0
    foreach ($n in @($Names)) {
        switch ([string]$n) { 'DES' { $v = $v -bor 3 } 'RC4' { $v = $v -bor 4 } 'AES128' { $v = $v -bor 8 } 'AES256' { $v = $v -bor 16 } }
    }
    return $v
}
