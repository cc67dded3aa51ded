# Kds: the lab's Microsoft Group Key Distribution Service cmdlets (Add-KdsRootKey, Get-KdsRootKey, Test-KdsRootKey,
# Get-KdsConfiguration). Root keys live in state.kdsRootKeys; a key is seen by a DC once it has replicated there
# (replicatedTo, or createdTime + the domain's replication delay), and gMSA password derivation can use it there once
# its EffectiveTime has passed (LabCore's Get-LabUsableKdsRootKey).
# Windows PowerShell 5.1 syntax only.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'Kds.Signatures.ps1')

$script:KdsClass = 'Microsoft.KeyDistributionService.Cmdlets.'
# Microsoft's guidance: domain controllers wait up to 10 hours after a root key is created before they use it
# (to let it reach every DC), hence the default EffectiveTime. (The cmdlet help says "10 days": a known doc error.)
$script:DefaultDelayHours = 10

function New-KdsErrorRecord {
    <# An ErrorRecord for an exception built by the caller (types whose constructors New-LabError can't call). #>
    param([System.Exception]$Exception, [string]$ErrorId, [System.Management.Automation.ErrorCategory]$Category, $Target)
    return New-Object System.Management.Automation.ErrorRecord $Exception, $ErrorId, $Category, $Target
}

function Test-KdsCapableDc {
    <# KdsSvc exists on Windows Server 2012 (6.2) and later domain controllers only. #>
    param([hashtable]$Dc)
    $text = [string]$Dc.operatingSystemVersion
    $match = [regex]::Match($text, '^(\d+)\.(\d+)')
    if (-not $match.Success) { return $false }
    $version = New-Object System.Version ([int]$match.Groups[1].Value), ([int]$match.Groups[2].Value)
    return ($version -ge [version]'6.2')
}

function Get-KdsSessionDc {
    <# The DC the session talks to (errors like the AD module when it is down). #>
    param([hashtable]$State, [string]$Cmdlet)
    return Get-LabDomainController -State $State -Cmdlet $Cmdlet
}

function Get-KdsDcDistinguishedName {
    param([hashtable]$State, [hashtable]$Dc)
    $computer = Find-LabAdObject -State $State -Identity $Dc.name -Class 'computer'
    if ($null -ne $computer) { return $computer.distinguishedName }
    return 'CN=' + $Dc.name + ',OU=Domain Controllers,' + $State.domain.distinguishedName
}

function New-KdsServerConfiguration {
    <# The default KDS configuration (msKds-ProvServerConfiguration), a KdsServerConfiguration (LabCore/KdsTypes.cs). #>
    # KDF parameters: a BCrypt buffer naming the hash, "SHA512" (UTF-16, NUL-terminated).
    $hashName = [System.Text.Encoding]::Unicode.GetBytes("SHA512`0")
    $kdf = New-Object System.Collections.Generic.List[byte]
    $kdf.AddRange([byte[]](0, 0, 0, 0, 1, 0, 0, 0))
    $kdf.AddRange([System.BitConverter]::GetBytes([int]$hashName.Length))
    $kdf.AddRange([byte[]](0, 0, 0, 0))
    $kdf.AddRange($hashName)
    # Secret agreement parameters: a BCRYPT_DH_PARAMETER_HEADER ('DHPM', 2048-bit key) then prime and generator.
    $sa = New-Object System.Collections.Generic.List[byte]
    $sa.AddRange([System.BitConverter]::GetBytes([int](12 + 512)))
    $sa.AddRange([System.Text.Encoding]::ASCII.GetBytes('DHPM'))
    $sa.AddRange([System.BitConverter]::GetBytes([int]256))
    $prime = New-Object byte[] 256
    for ($i = 0; $i -lt 256; $i++) { $prime[$i] = [byte](($i * 73 + 41) % 256) }
    $prime[0] = 255; $prime[255] = 255
    $generator = New-Object byte[] 256
    $generator[255] = 2
    $sa.AddRange($prime)
    $sa.AddRange($generator)
    $config = New-Object Microsoft.KeyDistributionService.Cmdlets.KdsServerConfiguration
    $config.AttributeOfWrongFormat = $null
    $config.KdfParameters = $kdf.ToArray()
    $config.SecretAgreementParameters = $sa.ToArray()
    $config.IsValidFormat = $true
    $config.SecretAgreementAlgorithm = 'DH'
    $config.KdfAlgorithm = 'SP800_108_CTR_HMAC'
    $config.SecretAgreementPublicKeyLength = 2048
    $config.SecretAgreementPrivateKeyLength = 512
    $config.VersionNumber = 1
    return $config
}

function ConvertTo-KdsRootKeyObject {
    param([hashtable]$Key, [string]$DcDn)
    $guid = [guid]$Key.keyId
    # KeyValue: 64 bytes, stable per key (the real value is the secret root key material).
    $bytes = New-Object System.Collections.Generic.List[byte]
    for ($i = 0; $i -lt 4; $i++) { $bytes.AddRange($guid.ToByteArray()) }
    $rootKey = New-Object Microsoft.KeyDistributionService.Cmdlets.KdsRootKey
    $rootKey.AttributeOfWrongFormat = $null
    $rootKey.KeyValue = $bytes.ToArray()
    # Local time, as the real cmdlet shows them (ConvertFrom-LabDateText: the Kind each real module returns).
    $rootKey.EffectiveTime = ConvertFrom-LabDateText $Key.effectiveTime
    $rootKey.CreationTime = ConvertFrom-LabDateText $Key.createdTime
    $rootKey.IsFormatValid = $true
    $rootKey.DomainController = $DcDn
    $rootKey.ServerConfiguration = New-KdsServerConfiguration
    $rootKey.KeyId = $guid
    $rootKey.VersionNumber = 1
    return $rootKey
}

function LabImpl-Add-KdsRootKey {
    param($Cmdlet, $Bound)
    $class = $script:KdsClass + 'AddKdsRootKey'
    $state = Get-LabState
    $ctx = Get-LabContext

    # The cmdlet needs a Windows Server 2012 or later DC (the KdsSvc); DsGetDcName finds none in an older domain.
    $capable = @($state.domainControllers | Where-Object { $_.reachable -and (Test-KdsCapableDc -Dc $_) })
    if ($capable.Count -eq 0) {
        $exception = New-Object System.ComponentModel.Win32Exception 1355, 'The specified domain either does not exist or could not be contacted.'
        throw (New-KdsErrorRecord -Exception $exception -ErrorId ('System.ComponentModel.Win32Exception,' + $class) -Category 'ResourceUnavailable' -Target $state.domain.dnsRoot)
    }

    if ($Bound.ContainsKey('LocalTestOnly') -and $Bound['LocalTestOnly']) {
        # Generates a key with the local configuration only, to test it: nothing reaches AD.
        if (-not $Cmdlet.ShouldProcess($env:COMPUTERNAME, 'Test generating a KDS root key locally')) { return }
        return $true
    }

    $dc = Get-KdsSessionDc -State $state -Cmdlet 'Add-KdsRootKey'
    if (-not (Test-LabDomainAdmin -State $state -User $ctx.User)) {
        throw (New-LabError -ExceptionType 'System.UnauthorizedAccessException' -Message 'Access is denied.' `
                -ErrorId ('System.UnauthorizedAccessException,' + $class) -Category 'PermissionDenied' -Target $dc.hostName)
    }

    $now = Get-LabNow -Utc
    if ($Cmdlet.ParameterSetName -eq 'EffectiveImmediately') { $effective = $now }
    elseif ($Bound.ContainsKey('EffectiveTime')) { $effective = ([datetime]$Bound['EffectiveTime']).ToUniversalTime() }
    else { $effective = $now.AddHours($script:DefaultDelayHours) }

    $effectiveText = ConvertTo-LabDateText $effective
    if (-not $Cmdlet.ShouldProcess($dc.hostName, "Add a KDS root key effective $effectiveText")) { return }

    $keyId = [guid]::NewGuid()
    $dcName = $dc.name
    Update-LabState -Script {
        param($s)
        $entry = @{
            keyId         = $keyId.ToString()
            createdTime   = (ConvertTo-LabDateText $now)
            effectiveTime = $effectiveText
            createdOn     = $dcName
            replicatedTo  = @($dcName)
        }
        [void]$s.kdsRootKeys.Add($entry)
    } | Out-Null
    return $keyId
}

function LabImpl-Get-KdsRootKey {
    param($Cmdlet, $Bound)
    $state = Get-LabState
    $dc = Get-KdsSessionDc -State $state -Cmdlet 'Get-KdsRootKey'
    $dcDn = Get-KdsDcDistinguishedName -State $state -Dc $dc
    # Documented output: System.Collections.Generic.List`1<KdsRootKey> ("a list of master root keys stored in AD",
    # learn.microsoft.com/powershell/module/kds/get-kdsrootkey): ONE list object, even with no key or two, so
    # @(Get-KdsRootKey).Count is 1 and `Get-KdsRootKey | Where-Object { $_.KeyId ... }` sees the list, not a key.
    $keys = New-Object 'System.Collections.Generic.List[Microsoft.KeyDistributionService.Cmdlets.KdsRootKey]'
    foreach ($key in $state.kdsRootKeys) {
        if (-not (Test-LabVisibleOn -State $state -On $key.replicatedTo -Created $key.createdTime -Dc $dc.name)) { continue }
        $keys.Add((ConvertTo-KdsRootKeyObject -Key $key -DcDn $dcDn))
    }
    Write-LabList -List $keys
}

function LabImpl-Test-KdsRootKey {
    param($Cmdlet, $Bound)
    # "Verifies whether a root key is valid": it exists on the DC in use and is well formed. Its EffectiveTime does
    # not matter here (a key that is not effective yet still tests True).
    $state = Get-LabState
    $dc = Get-KdsSessionDc -State $state -Cmdlet 'Test-KdsRootKey'
    $wanted = ([guid]$Bound['KeyId']).ToString()
    foreach ($key in $state.kdsRootKeys) {
        if ($key.keyId -ne $wanted) { continue }
        return [bool](Test-LabVisibleOn -State $state -On $key.replicatedTo -Created $key.createdTime -Dc $dc.name)
    }
    return $false
}

function LabImpl-Get-KdsConfiguration {
    param($Cmdlet, $Bound)
    # It reads AD's KDS configuration object: in a remote session it fails like every Kds cmdlet (the second hop).
    if ((Get-LabContext).Remote) { $null = Get-KdsSessionDc -State (Get-LabState) -Cmdlet 'Get-KdsConfiguration' }
    return New-KdsServerConfiguration
}

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'Kds.psd1')).FunctionsToExport
