# Value helpers that need no lab state: property access on CIM-like objects and hashtables, lists, ISO 8601
# durations, trigger boundaries, enum values, and CIM values as the JSON state keeps them.

$script:EnumNs = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.ScheduledTask.'

function ConvertTo-StCamel {
    param([string]$Name)
    return $Name.Substring(0, 1).ToLowerInvariant() + $Name.Substring(1)
}

function Get-StValue {
    <# A property of a CIM-like object (or a key of a hashtable); $null when it has none. #>
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    if ($Object -is [System.Collections.IDictionary]) { return , $Object[$Name] }
    $p = $Object.PSObject.Properties[$Name]
    if ($null -eq $p) { return $null }
    return , $p.Value
}

function Get-StItems {
    <# Any value as a list without nulls: $null -> empty, scalar -> one item, collection -> its items. #>
    param($Value)
    $list = New-Object System.Collections.ArrayList
    if ($null -eq $Value) { return , $list }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [string] -and $Value -isnot [System.Collections.IDictionary]) {
        foreach ($item in $Value) { if ($null -ne $item) { [void]$list.Add($item) } }
    } else {
        [void]$list.Add($Value)
    }
    return , $list
}

function Test-StBlank {
    param($Value)
    return ($null -eq $Value -or ($Value -is [string] -and $Value.Length -eq 0))
}

function ConvertTo-StDuration {
    <# A TimeSpan as the ISO 8601 duration Task Scheduler stores ('PT2H', 'PT5M', 'P1D'). [TimeSpan]::MaxValue
       becomes what the real cmdlet writes for it, 'P99999999DT23H59M59S' (which Task Scheduler 2.x then refuses). #>
    param($Span)
    if ($null -eq $Span) { return $null }
    if ($Span -is [string]) { return $Span }
    $t = [timespan]$Span
    if ($t -eq [timespan]::MaxValue) { return 'P99999999DT23H59M59S' }
    return [System.Xml.XmlConvert]::ToString($t)
}

function ConvertFrom-StDuration {
    param([string]$Text)
    if ([string]::IsNullOrEmpty($Text)) { return $null }
    try { return [System.Xml.XmlConvert]::ToTimeSpan($Text) } catch { return $null }
}

function ConvertTo-StBoundary {
    <# A trigger boundary as Task Scheduler writes it: local 'yyyy-MM-ddTHH:mm:ss', with the offset when the
       DateTime carries one (Kind Local), 'Z' for UTC. '12:05' binds to [datetime] with Kind Unspecified. #>
    param($Date)
    if ($null -eq $Date) { return $null }
    if ($Date -is [string]) { return $Date }
    $d = [datetime]$Date
    $inv = [System.Globalization.CultureInfo]::InvariantCulture
    switch ($d.Kind) {
        'Local' { return $d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", $inv) }
        'Utc' { return $d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $inv) }
        default { return $d.ToString("yyyy-MM-dd'T'HH:mm:ss", $inv) }
    }
}

function ConvertFrom-StBoundary {
    <# A boundary text as a local DateTime (no offset = local time), or $null. #>
    param([string]$Text)
    if ([string]::IsNullOrEmpty($Text)) { return $null }
    $dto = [System.DateTimeOffset]::MinValue
    $ok = [System.DateTimeOffset]::TryParse($Text, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeLocal, [ref]$dto)
    if (-not $ok) { return $null }
    return $dto.LocalDateTime
}

function ConvertTo-StStateValue {
    <# Any CIM property value as something the JSON state keeps: strings, numbers, booleans, lists. #>
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.PSObject]) { $Value = $Value.PSObject.BaseObject }
    if ($Value -is [System.Enum]) { return $Value.ToString() }
    if ($Value -is [datetime]) { return (ConvertTo-StBoundary $Value) }
    if ($Value -is [timespan]) { return (ConvertTo-StDuration $Value) }
    if ($Value -is [string] -or $Value -is [bool]) { return $Value }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) {
        $list = New-Object System.Collections.ArrayList
        foreach ($item in $Value) { [void]$list.Add((ConvertTo-StStateValue $item)) }
        return , $list
    }
    if ($Value -is [System.ValueType]) { return $Value }
    return [string]$Value
}

function ConvertTo-StEnum {
    param([string]$EnumName, $Value)
    if (Test-StBlank $Value) { return $null }
    $type = ($script:EnumNs + $EnumName) -as [type]
    try { return [System.Enum]::Parse($type, [string]$Value, $true) } catch { return [string]$Value }
}
