# -Filter (PowerShell syntax) and -LDAPFilter: parsed into one tree, evaluated against an attribute table. Used by
# the Get-AD<class> search (Search.ps1) and by the domain-controller and replication cmdlets.

function Get-LabAdCallerVariable {
    <# A $variable in a -Filter string, read from the caller's scopes (the real module does the same). #>
    param([string]$Path)
    $parts = $Path.TrimStart('$').Split('.')
    $name = $parts[0]
    $found = $false
    $value = $null
    foreach ($frame in (Get-PSCallStack)) {
        $module = $null
        if ($null -ne $frame.InvocationInfo -and $null -ne $frame.InvocationInfo.MyCommand) { $module = $frame.InvocationInfo.MyCommand.Module }
        if ($null -ne $module -and ($module.Name -eq 'ActiveDirectory' -or $module.Name -eq 'LabCore')) { continue }
        try { $vars = $frame.GetFrameVariables() } catch { continue }
        if ($vars.ContainsKey($name)) { $value = $vars[$name].Value; $found = $true; break }
    }
    if (-not $found) {
        $v = Get-Variable -Name $name -Scope Global -ErrorAction SilentlyContinue
        if ($null -ne $v) { $value = $v.Value }
    }
    for ($i = 1; $i -lt $parts.Length; $i++) {
        if ($null -eq $value) { break }
        $value = $value.PSObject.Properties[$parts[$i]].Value
    }
    return $value
}

function New-LabAdFilterError {
    param([string]$CmdletName, [string]$Filter, [string]$Detail, [int]$Position)
    return New-LabError -ExceptionType 'System.ArgumentException' `
        -Message "Error parsing query: '$Filter' Error Message: '$Detail' at position: '$Position'." `
        -ErrorId ('ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADFilterParsingException,' + (Get-LabCmdletClass $CmdletName)) `
        -Category 'ParserError' -Target $Filter
}

function ConvertFrom-LabAdFilter {
    <# The PowerShell-syntax -Filter: <attr> -eq|-ne|-like|-notlike|-gt|-ge|-lt|-le <value>, -and, -or, -not,
       parentheses; values quoted ('x' or "x"), $true/$false/$null, numbers, bare words or $variables. #>
    param([string]$Filter, [string]$CmdletName)
    $text = $Filter.Trim()
    if ($text -eq '*') { return @{ t = 'all' } }
    $pattern = '\G\s*(?:(?<lp>\()|(?<rp>\))|(?<op>-(?:eq|ne|like|notlike|gt|ge|lt|le|approx|and|or|not|band|bor)(?![\w-]))|(?<sq>''(?:[^'']|'''')*'')|(?<dq>"(?:[^"`]|`.|"")*")|(?<var>\$[\w:]+(?:\.\w+)*)|(?<word>[^\s()]+))'
    $tokens = New-Object System.Collections.ArrayList
    $regex = New-Object System.Text.RegularExpressions.Regex ($pattern, [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    $pos = 0
    while ($pos -lt $text.Length) {
        $m = $regex.Match($text, $pos)
        if (-not $m.Success -or $m.Length -eq 0) {
            if ($text.Substring($pos).Trim().Length -eq 0) { break }
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($pos + 1))
        }
        $kind = $null
        foreach ($g in @('lp', 'rp', 'op', 'sq', 'dq', 'var', 'word')) { if ($m.Groups[$g].Success) { $kind = $g; break } }
        $value = $m.Groups[$kind].Value
        switch ($kind) {
            'op' { $value = $value.ToLowerInvariant() }
            'sq' { $value = $value.Substring(1, $value.Length - 2).Replace("''", "'") }
            'dq' { $value = [regex]::Replace($value.Substring(1, $value.Length - 2).Replace('""', '"'), '`(.)', '$1') }
        }
        [void]$tokens.Add(@{ k = $kind; v = $value; p = $m.Groups[$kind].Index + 1 })
        $pos = $m.Index + $m.Length
    }
    $state = @{ i = 0 }
    $peek = { if ($state.i -lt $tokens.Count) { $tokens[$state.i] } else { $null } }
    $parseOr = $null; $parseAnd = $null; $parseUnary = $null
    $parseUnary = {
        $tok = & $peek
        if ($null -eq $tok) { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1)) }
        if ($tok.k -eq 'op' -and $tok.v -eq '-not') { $state.i++; return @{ t = 'not'; e = (& $parseUnary) } }
        if ($tok.k -eq 'lp') {
            $state.i++
            $inner = & $parseOr
            $close = & $peek
            if ($null -eq $close -or $close.k -ne 'rp') { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1)) }
            $state.i++
            return $inner
        }
        if ($tok.k -ne 'word') { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $tok.p) }
        $state.i++
        $op = & $peek
        if ($null -eq $op -or $op.k -ne 'op' -or @('-and', '-or', '-not') -contains $op.v) {
            $at = $text.Length + 1
            if ($null -ne $op) { $at = $op.p }
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $at)
        }
        $state.i++
        $val = & $peek
        if ($null -eq $val -or @('sq', 'dq', 'var', 'word') -notcontains $val.k) {
            throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position ($text.Length + 1))
        }
        $state.i++
        $value = $val.v
        if ($val.k -eq 'var') {
            switch ($val.v.ToLowerInvariant()) {
                '$true' { $value = $true }
                '$false' { $value = $false }
                '$null' { $value = $null }
                default { $value = Get-LabAdCallerVariable -Path $val.v }
            }
        }
        elseif ($val.k -eq 'word') {
            $n = 0L
            if ([long]::TryParse($val.v, [ref]$n)) { $value = $n }
        }
        return @{ t = 'cmp'; attr = $tok.v; op = $op.v.Substring(1); value = $value }
    }
    $parseAnd = {
        $left = & $parseUnary
        while ($true) {
            $tok = & $peek
            if ($null -eq $tok -or $tok.k -ne 'op' -or $tok.v -ne '-and') { break }
            $state.i++
            $left = @{ t = 'and'; l = $left; r = (& $parseUnary) }
        }
        return $left
    }
    $parseOr = {
        $left = & $parseAnd
        while ($true) {
            $tok = & $peek
            if ($null -eq $tok -or $tok.k -ne 'op' -or $tok.v -ne '-or') { break }
            $state.i++
            $left = @{ t = 'or'; l = $left; r = (& $parseAnd) }
        }
        return $left
    }
    $tree = & $parseOr
    if ($state.i -lt $tokens.Count) { throw (New-LabAdFilterError -CmdletName $CmdletName -Filter $Filter -Detail 'syntax error' -Position $tokens[$state.i].p) }
    return $tree
}

function ConvertFrom-LabAdLdapFilter {
    <# RFC 4515 basics: (attr=value), (attr=*), wildcards, >=, <=, (&..), (|..), (!..), the bitwise matching rules
       1.2.840.113556.1.4.803 (AND) and .804 (OR). #>
    param([string]$Filter, [string]$CmdletName)
    $text = $Filter.Trim()
    if (-not $text.StartsWith('(')) { $text = "($text)" }
    # The short NOT form (see the '!' case below): wrap a bare operand in its own parentheses first.
    $text = [regex]::Replace($text, '\(!([^()]+)\)', '(!($1))')
    $state = @{ i = 0 }
    $fail = {
        throw (New-LabError -ExceptionType 'System.ArgumentException' -Message 'The search filter cannot be recognized' `
                -ErrorId ('ActiveDirectoryServer:8254,' + (Get-LabCmdletClass $CmdletName)) -Category 'NotSpecified' -Target $Filter)
    }
    $parse = $null
    $parse = {
        if ($state.i -ge $text.Length -or $text[$state.i] -ne '(') { & $fail }
        $state.i++
        $c = $text[$state.i]
        if ($c -eq '&' -or $c -eq '|') {
            $state.i++
            $items = New-Object System.Collections.ArrayList
            while ($state.i -lt $text.Length -and $text[$state.i] -eq '(') { [void]$items.Add((& $parse)) }
            if ($state.i -ge $text.Length -or $text[$state.i] -ne ')') { & $fail }
            $state.i++
            $t = 'and'
            if ($c -eq '|') { $t = 'or' }
            return @{ t = "l$t"; items = $items.ToArray() }
        }
        if ($c -eq '!') {
            $state.i++
            # RFC 4515 wants (!(filter)), but Windows' LDAP filter parser also takes the operand without its own
            # parentheses: (!userAccountControl:1.2.840.113556.1.4.803:=2) means (!(userAccountControl:...:=2)).
            # Microsoft's own ADSI "Search Filter Syntax" page (learn.microsoft.com/windows/win32/adsi/search-filter-syntax)
            # long showed "(&(objectCategory=person)(objectClass=user)(!cn=andy))" as a working example, and admins'
            # Get-ADUser -LDAPFilter scripts rely on it. So: an operand that does not start with '(' is one item.
            # (Unescaped parentheses cannot occur in a value - they are written \28 and \29 - so the item ends at
            # the next ')'; the pre-pass above wrapped it.)
            $inner = & $parse
            if ($state.i -ge $text.Length -or $text[$state.i] -ne ')') { & $fail }
            $state.i++
            return @{ t = 'not'; e = $inner }
        }
        $end = $text.IndexOf(')', $state.i)
        if ($end -lt 0) { & $fail }
        $item = $text.Substring($state.i, $end - $state.i)
        $state.i = $end + 1
        $m = [regex]::Match($item, '^([\w\-;.:]+?)(>=|<=|~=|=)(.*)$')
        if (-not $m.Success) { & $fail }
        $attr = $m.Groups[1].Value
        $op = $m.Groups[2].Value
        $raw = $m.Groups[3].Value
        $rule = $null
        # Extensible match (MS-ADTS 3.1.1.3.4.4): 1.2.840.113556.1.4.803 bitwise AND, .804 bitwise OR (the value is a
        # decimal integer, per the ADSI search filter syntax page), .1941 LDAP_MATCHING_RULE_IN_CHAIN (a DN-valued
        # attribute followed transitively: memberOf:...:=<group DN> finds nested members, member:...:=<DN> every
        # group that contains it through nesting). Another ':<oid>:=' is a rule AD does not support: an error.
        $rm = [regex]::Match($attr, '^(.+?):([0-9.]+):$')
        if ($rm.Success) {
            $attr = $rm.Groups[1].Value; $rule = $rm.Groups[2].Value
            if (@('1.2.840.113556.1.4.803', '1.2.840.113556.1.4.804', '1.2.840.113556.1.4.1941') -notcontains $rule) { & $fail }
        }
        $decode = { param($s) [regex]::Replace($s, '\\([0-9a-fA-F]{2})', { param($x) [string][char][Convert]::ToInt32($x.Groups[1].Value, 16) }) }
        if ($rule -eq '1.2.840.113556.1.4.1941') { return @{ t = 'cmp'; attr = $attr; op = 'chain'; value = (& $decode $raw) } }
        if ($null -ne $rule) {
            $n = 0L
            if (-not [long]::TryParse((& $decode $raw), [ref]$n)) { & $fail }
            return @{ t = 'cmp'; attr = $attr; op = $(if ($rule.EndsWith('803')) { 'band' } else { 'bor' }); value = $n }
        }
        if ($op -eq '=' -and $raw -eq '*') { return @{ t = 'cmp'; attr = $attr; op = 'present'; value = $null } }
        if ($op -eq '>=') { return @{ t = 'cmp'; attr = $attr; op = 'ge'; value = (& $decode $raw) } }
        if ($op -eq '<=') { return @{ t = 'cmp'; attr = $attr; op = 'le'; value = (& $decode $raw) } }
        if ($raw.Contains('*')) {
            $segments = @($raw.Split('*') | ForEach-Object { [System.Management.Automation.WildcardPattern]::Escape((& $decode $_)) })
            return @{ t = 'cmp'; attr = $attr; op = 'like'; value = ($segments -join '*'); ldap = $true }
        }
        return @{ t = 'cmp'; attr = $attr; op = 'eq'; value = (& $decode $raw); ldap = $true }
    }
    $tree = & $parse
    if ($state.i -ne $text.Length) { & $fail }
    return $tree
}

function Get-LabAdFilterValues {
    <# The values of attribute $Attr in $Table (case-insensitive), as a list. objectClass gives the class chain,
       objectCategory also its short LDAP name. #>
    param($Table, [string]$Attr, [hashtable]$Object)
    if ($null -ne $Object -and $Attr -eq 'objectClass') { return , @(Get-LabAdClassChain ([string]$Object.objectClass)) }
    if ($null -ne $Object -and $Attr -eq 'objectCategory') {
        $cat = Get-LabAdCategory ([string]$Object.objectClass)
        return , @($Table['ObjectCategory'], $cat[1])
    }
    $key = $null
    foreach ($k in $Table.Keys) { if ([string]::Equals([string]$k, $Attr, [System.StringComparison]::OrdinalIgnoreCase)) { $key = $k; break } }
    if ($null -eq $key) { return , @() }
    $value = $Table[$key]
    if ($null -eq $value) { return , @() }
    if ($value -is [string]) { return , @($value) }
    if ($value -is [System.Collections.IEnumerable] -and $value -isnot [System.Collections.IDictionary]) { return , @($value) }
    return , @($value)
}

function Test-LabAdValueMatch {
    param($Actual, [string]$Op, $Expected)
    $a = $Actual
    if ($a -is [System.Management.Automation.PSObject]) { $a = $a.PSObject.BaseObject }
    switch ($Op) {
        'present' { return $true }
        'band' { return ((([long]$a) -band [long]$Expected) -eq [long]$Expected) }
        'bor' { return ((([long]$a) -band [long]$Expected) -ne 0) }
        'like' { return ([string]$a -like [string]$Expected) }
    }
    if ($Expected -is [bool] -or $a -is [bool]) {
        $ab = ([string]$a -eq 'True')
        $eb = ([string]$Expected -eq 'True')
        if ($Op -eq 'eq' -or $Op -eq 'approx') { return $ab -eq $eb }
        return $false
    }
    if ($a -is [System.Enum]) {
        $n = 0L
        if ([long]::TryParse([string]$Expected, [ref]$n)) { $a = [long]$a } else { $a = $a.ToString() }
    }
    if ($a -is [datetime]) {
        $e = $null
        try { $e = [datetime]$Expected } catch { $e = $null }
        if ($null -ne $e) {
            switch ($Op) { 'eq' { return $a -eq $e } 'gt' { return $a -gt $e } 'ge' { return $a -ge $e } 'lt' { return $a -lt $e } 'le' { return $a -le $e } }
        }
    }
    $na = 0.0; $ne = 0.0
    if (($a -is [int] -or $a -is [long] -or $a -is [double]) -and [double]::TryParse([string]$Expected, [ref]$ne)) {
        $na = [double]$a
        switch ($Op) { 'eq' { return $na -eq $ne } 'approx' { return $na -eq $ne } 'gt' { return $na -gt $ne } 'ge' { return $na -ge $ne } 'lt' { return $na -lt $ne } 'le' { return $na -le $ne } }
    }
    $sa = [string]$a
    $se = [string]$Expected
    switch ($Op) {
        'eq' { return [string]::Equals($sa, $se, [System.StringComparison]::OrdinalIgnoreCase) }
        'approx' { return [string]::Equals($sa, $se, [System.StringComparison]::OrdinalIgnoreCase) }
        'gt' { return [string]::Compare($sa, $se, $true) -gt 0 }
        'ge' { return [string]::Compare($sa, $se, $true) -ge 0 }
        'lt' { return [string]::Compare($sa, $se, $true) -lt 0 }
        'le' { return [string]::Compare($sa, $se, $true) -le 0 }
    }
    return $false
}

function Test-LabAdInChain {
    <# LDAP_MATCHING_RULE_IN_CHAIN: whether DN $Target is reached by following the DN-valued attribute $Attr from
       this object, then from each object it names, and so on (cycles visited once). The directory is the state the
       current search reads ($script:LabAdFilterState, set by Invoke-LabAdGet), else the lab's state. #>
    param($Table, [string]$Attr, [string]$Target, [hashtable]$Object)
    $state = $script:LabAdFilterState
    if ($null -eq $state) { $state = Get-LabState }
    # member and memberOf during a search: the set of objects that match is computed once per search from the
    # target (its nested members, or the groups it is nested in), through the search's index; each object is then
    # one lookup (Identity.ps1 Get-LabAdSearchIndex).
    $index = Get-LabAdSearchIndex $state
    if ($null -ne $index -and $null -ne $Object -and ($Attr -eq 'memberOf' -or $Attr -eq 'member')) {
        $key = $Attr.ToLowerInvariant() + '|' + $Target.ToLowerInvariant()
        if (-not $index.Chains.ContainsKey($key)) { $index.Chains[$key] = Get-LabAdChainSet -Index $index -Attr $Attr -Target $Target }
        return $index.Chains[$key].Contains([string]$Object.distinguishedName)
    }
    $seen = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    $queue = New-Object System.Collections.Queue
    foreach ($v in (Get-LabAdFilterValues -Table $Table -Attr $Attr)) { if ($null -ne $v) { $queue.Enqueue([string]$v) } }
    while ($queue.Count -gt 0) {
        $dn = $queue.Dequeue()
        if (-not $seen.Add($dn)) { continue }
        if (Test-LabAdDnEqual $dn $Target) { return $true }
        $next = Find-LabAdObjectByDn -State $state -Dn $dn
        if ($null -eq $next) { continue }
        $nextTable = Get-LabAdAttributeTable -State $state -Object $next
        foreach ($v in (Get-LabAdFilterValues -Table $nextTable -Attr $Attr)) { if ($null -ne $v) { $queue.Enqueue([string]$v) } }
    }
    return $false
}

function Get-LabAdChainSet {
    <# The DNs that (memberOf:1.2.840.113556.1.4.1941:=Target) matches: every object nested in group Target (walking
       member down); for (member:...:=Target): every group Target is nested in (walking the memberOf back-link up).
       Each DN visited once, so cycles end. #>
    param($Index, [string]$Attr, [string]$Target)
    $found = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)
    $queue = New-Object System.Collections.Queue
    $queue.Enqueue($Target)
    while ($queue.Count -gt 0) {
        $dn = [string]$queue.Dequeue()
        $next = @()
        if ($Attr -eq 'memberOf') {
            if ($Index.ByDn.ContainsKey($dn)) { $next = @($Index.ByDn[$dn].members) }
        }
        elseif ($Index.GroupsOf.ContainsKey($dn)) { $next = @($Index.GroupsOf[$dn] | ForEach-Object { $_.distinguishedName }) }
        foreach ($n in $next) { if ($null -ne $n -and $found.Add([string]$n)) { $queue.Enqueue([string]$n) } }
    }
    return , $found
}

function Test-LabAdFilter {
    <# Evaluates a parsed filter against an attribute table. Negative operators (-ne, -notlike) follow LDAP:
       they hold for objects without the attribute. #>
    param($Tree, $Table, [hashtable]$Object)
    switch ($Tree.t) {
        'all' { return $true }
        'and' { return ((Test-LabAdFilter $Tree.l $Table $Object) -and (Test-LabAdFilter $Tree.r $Table $Object)) }
        'or' { return ((Test-LabAdFilter $Tree.l $Table $Object) -or (Test-LabAdFilter $Tree.r $Table $Object)) }
        'land' { foreach ($item in $Tree.items) { if (-not (Test-LabAdFilter $item $Table $Object)) { return $false } }; return $true }
        'lor' {
            $lookup = Get-LabAdEqualityLookup $Tree
            if ($null -ne $lookup) { return (Test-LabAdEqualityLookup -Lookup $lookup -Table $Table) }
            foreach ($item in $Tree.items) { if (Test-LabAdFilter $item $Table $Object) { return $true } }; return $false
        }
        'not' { return (-not (Test-LabAdFilter $Tree.e $Table $Object)) }
    }
    if ($Tree.op -eq 'chain') { return (Test-LabAdInChain -Table $Table -Attr $Tree.attr -Target ([string]$Tree.value) -Object $Object) }
    $values = Get-LabAdFilterValues -Table $Table -Attr $Tree.attr -Object $Object
    $op = $Tree.op
    $negate = $false
    if ($op -eq 'ne') { $op = 'eq'; $negate = $true }
    if ($op -eq 'notlike') { $op = 'like'; $negate = $true }
    if ($null -eq $Tree.value -and $op -eq 'eq') { $hit = ($values.Count -eq 0); if ($negate) { return -not $hit }; return $hit }
    $any = $false
    foreach ($v in $values) {
        if ($null -eq $v) { continue }
        if (Test-LabAdValueMatch -Actual $v -Op $op -Expected $Tree.value) { $any = $true; break }
    }
    if ($negate) { return -not $any }
    return $any
}

# An OR of many equalities on names - (|(objectSid=S-1-5-...)(distinguishedName=CN=...)...), how a script reads many
# principals in one query - is one set lookup per attribute instead of one comparison per term: with hundreds of
# terms over thousands of objects the term-by-term walk took minutes. Only attributes whose values are plain text
# (compared case-insensitively, as Test-LabAdValueMatch compares them).
$script:EqualityLookupAttributes = @('distinguishedname', 'objectsid', 'samaccountname')

function Get-LabAdEqualityLookup {
    <# For an OR node whose every term is (attr=value) on one of those attributes: the values per attribute (built
       once and kept on the node, which lives as long as the search), else $null. #>
    param($Tree)
    if ($Tree.ContainsKey('eqLookup')) { return $Tree['eqLookup'] }
    $lookup = @{}
    foreach ($item in $Tree.items) {
        $attr = ([string]$item.attr).ToLowerInvariant()
        if ($item.t -ne 'cmp' -or $item.op -ne 'eq' -or $null -eq $item.value -or $item.value -isnot [string] -or $script:EqualityLookupAttributes -notcontains $attr) { $lookup = $null; break }
        if (-not $lookup.ContainsKey($attr)) { $lookup[$attr] = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase) }
        [void]$lookup[$attr].Add([string]$item.value)
    }
    if ($null -ne $lookup -and $Tree.items.Count -lt 8) { $lookup = $null }  # a short OR is as quick term by term
    $Tree['eqLookup'] = $lookup
    return $lookup
}

function Test-LabAdEqualityLookup {
    param([hashtable]$Lookup, $Table)
    foreach ($attr in $Lookup.Keys) {
        foreach ($v in (Get-LabAdFilterValues -Table $Table -Attr $attr)) {
            if ($null -ne $v -and $Lookup[$attr].Contains([string]$v)) { return $true }
        }
    }
    return $false
}

function Get-LabAdFilterTree {
    param($Cmdlet, $Bound, [string]$CmdletName)
    if ($Bound.ContainsKey('LDAPFilter')) { return ConvertFrom-LabAdLdapFilter -Filter ([string]$Bound['LDAPFilter']) -CmdletName $CmdletName }
    if ($Bound.ContainsKey('Filter')) { return ConvertFrom-LabAdFilter -Filter ([string]$Bound['Filter']) -CmdletName $CmdletName }
    return @{ t = 'all' }
}

function ConvertTo-LabAdPlainTable {
    <# The note/adapted properties of an output object, for filtering non-directory results (DCs, replication). #>
    param($InputObject)
    $t = [ordered]@{}
    foreach ($p in $InputObject.PSObject.Properties) { $t[$p.Name] = $p.Value }
    return $t
}
