// PowerShell helpers the directory-reading scripts share (discovery's account facts, the audit), defined once and
// placed in each script's helper region: an AD date as ISO 8601 UTC text, and a value escaped for an LDAP filter.
import { PsScript } from '../powershell/script.js';

export const AD_READ_HELPERS = PsScript.fromTrustedSource(`function ConvertTo-MsaIsoText {
    param($Date)
    if ($null -eq $Date) { return $null }
    return ([datetime]$Date).ToUniversalTime().ToString('o', [System.Globalization.CultureInfo]::InvariantCulture)
}
function ConvertTo-MsaFilterValue {
    # RFC 4515: \\ * ( ) and NUL are escaped inside a filter value.
    param([string]$Value)
    return $Value.Replace('\\', '\\5c').Replace('*', '\\2a').Replace('(', '\\28').Replace(')', '\\29').Replace([string][char]0, '\\00')
}`);
