# The cmdlets that change registered tasks: Register-, Set-, Unregister-, Enable- and Disable-ScheduledTask.

function LabImpl-Register-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $taskName = [string]$Bound['TaskName']
        $taskPath = $Bound['TaskPath']
        switch ($Cmdlet.ParameterSetName) {
            'Xml' { $definition = ConvertFrom-StTaskXml -Xml $Bound['Xml'] -Cmdlet $name }
            'Object' {
                $definition = New-StDefinitionFromObject -Task $Bound['InputObject'] -Cmdlet $name
                if ([string]::IsNullOrEmpty($taskName)) { $taskName = [string](Get-StValue $Bound['InputObject'] 'TaskName') }
                if ($null -eq $taskPath) { $taskPath = Get-StValue $Bound['InputObject'] 'TaskPath' }
            }
            default {
                $definition = @{ description = $null; actions = (New-Object System.Collections.ArrayList); triggers = (New-Object System.Collections.ArrayList)
                    principal = @{ userId = $null; logonType = 'None'; runLevel = 'Limited'; groupId = $null }; settings = (New-StDefaultSettings) }
                foreach ($a in (Get-StItems $Bound['Action'])) { [void]$definition.actions.Add((ConvertTo-StActionRecord $a $name)) }
                foreach ($t in (Get-StItems $Bound['Trigger'])) { [void]$definition.triggers.Add((ConvertTo-StTriggerRecord $t $name)) }
                if ($null -ne $Bound['Settings']) { $definition.settings = ConvertTo-StSettingsRecord $Bound['Settings'] }
                if (-not (Test-StBlank $Bound['Description'])) { $definition.description = $Bound['Description'] }
                if ($Cmdlet.ParameterSetName -eq 'Principal') { $definition.principal = ConvertTo-StPrincipalRecord $Bound['Principal'] }
                elseif ($Bound.ContainsKey('RunLevel')) { $definition.principal.runLevel = [string]$Bound['RunLevel'] }
            }
        }
        if (-not (Test-StBlank $Bound['Description'])) { $definition.description = $Bound['Description'] }
        if ([string]::IsNullOrEmpty($taskName)) {
            throw (New-StError -Cmdlet $name -HResult '0x80070057' -Message 'The parameter is incorrect.' -Category 'InvalidArgument' -Target 'TaskName')
        }
        $taskPath = ConvertTo-StTaskPath ([string]$taskPath)
        $uri = $taskPath + $taskName
        Assert-StElevated -Cmdlet $name -Target $uri
        Test-StDefinition -Definition $definition -Cmdlet $name -Target $uri
        $definition.principal = Resolve-StPrincipal -State $state -Principal $definition.principal -User ([string]$Bound['User']) `
            -HasUser (-not (Test-StBlank $Bound['User'])) -HasPassword (-not (Test-StBlank $Bound['Password'])) -Cmdlet $name
        $force = [bool]($Bound.ContainsKey('Force') -and $Bound['Force'])
        if (-not $Cmdlet.ShouldProcess($uri, 'Register scheduled task')) { return }
        $now = Get-LabNow -State $state
        $starter = Get-StCurrentUserName -State $state
        $ctx = Get-LabContext
        $task = Update-LabState -Script {
            param($s)
            $h = $s.hosts[$ctx.Computer]
            $existing = Find-StTask -HostState $h -Name $taskName -Path $taskPath
            if ($null -ne $existing -and -not $force) {
                throw (New-StError -Cmdlet $name -HResult '0x800700b7' -Message 'Cannot create a file when that file already exists.' -Category 'ResourceExists' -Target $uri)
            }
            if ($null -eq $existing) {
                $existing = @{ taskName = $taskName; taskPath = $taskPath; description = $null; state = 'Ready'
                    actions = $null; triggers = $null; principal = $null; settings = $null; registered = (ConvertTo-LabDateText $now)
                    lastRunTime = $null; lastTaskResult = $script:ResultNotYetRun; numberOfMissedRuns = 0
                    history = (New-Object System.Collections.ArrayList) }
                if ($null -eq $h.tasks) { $h.tasks = New-Object System.Collections.ArrayList }
                [void]$h.tasks.Add($existing)
                Set-StTaskDefinition -Task $existing -Definition $definition
                Add-StHistory -HostState $h -Task $existing -Now $now -EventId 106 -Message "User `"$starter`"  registered Task Scheduler task `"$uri`""
            } else {
                Set-StTaskDefinition -Task $existing -Definition $definition
                $existing.registered = ConvertTo-LabDateText $now
                Add-StHistory -HostState $h -Task $existing -Now $now -EventId 140 -Message "User `"$starter`"  updated Task Scheduler task `"$uri`""
            }
            return $existing
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Set-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $key = Get-StTaskKey $Bound
        $current = Get-StExistingTask -HostState (Get-StHost -State $state) -Key $key -Cmdlet $name
        $uri = Get-StUri $current
        Assert-StElevated -Cmdlet $name -Target $uri
        if ($Cmdlet.ParameterSetName -eq 'Object') {
            $definition = New-StDefinitionFromObject -Task $Bound['InputObject'] -Cmdlet $name
        } else {
            $definition = @{ description = $current.description; actions = $current.actions; triggers = $current.triggers; principal = $current.principal; settings = $current.settings }
            if ($Bound.ContainsKey('Action')) {
                $definition.actions = New-Object System.Collections.ArrayList
                foreach ($a in (Get-StItems $Bound['Action'])) { [void]$definition.actions.Add((ConvertTo-StActionRecord $a $name)) }
            }
            if ($Bound.ContainsKey('Trigger')) {
                $definition.triggers = New-Object System.Collections.ArrayList
                foreach ($t in (Get-StItems $Bound['Trigger'])) { [void]$definition.triggers.Add((ConvertTo-StTriggerRecord $t $name)) }
            }
            if ($Bound.ContainsKey('Settings') -and $null -ne $Bound['Settings']) { $definition.settings = ConvertTo-StSettingsRecord $Bound['Settings'] }
            if ($Bound.ContainsKey('Principal') -and $null -ne $Bound['Principal']) { $definition.principal = ConvertTo-StPrincipalRecord $Bound['Principal'] }
        }
        Test-StDefinition -Definition $definition -Cmdlet $name -Target $uri
        $definition.principal = Resolve-StPrincipal -State $state -Principal $definition.principal -User ([string]$Bound['User']) `
            -HasUser (-not (Test-StBlank $Bound['User'])) -HasPassword (-not (Test-StBlank $Bound['Password'])) -Cmdlet $name
        $now = Get-LabNow -State $state
        $starter = Get-StCurrentUserName -State $state
        $ctx = Get-LabContext
        $task = Update-LabState -Script {
            param($s)
            $h = $s.hosts[$ctx.Computer]
            $t = Get-StExistingTask -HostState $h -Key $key -Cmdlet $name
            Set-StTaskDefinition -Task $t -Definition $definition
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 140 -Message "User `"$starter`"  updated Task Scheduler task `"$uri`""
            return $t
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Unregister-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $state = Get-LabState
        Assert-StService -State $state -Cmdlet $name
        $h0 = Get-StHost -State $state
        $targets = New-Object System.Collections.ArrayList
        $missing = New-Object System.Collections.ArrayList
        if ($Bound.ContainsKey('InputObject')) {
            foreach ($o in (Get-StItems $Bound['InputObject'])) {
                $k = @{ Name = [string](Get-StValue $o 'TaskName'); Path = (ConvertTo-StTaskPath ([string](Get-StValue $o 'TaskPath'))) }
                [void]$targets.Add((Get-StExistingTask -HostState $h0 -Key $k -Cmdlet $name))
            }
        } else {
            $found = Select-StTasks -HostState $h0 -Bound $Bound
            foreach ($t in $found.Tasks) { [void]$targets.Add($t) }
            foreach ($m in $found.Missing) { [void]$missing.Add($m) }
        }
        if ($targets.Count -gt 0) { Assert-StElevated -Cmdlet $name -Target (Get-StUri $targets[0]) }
        $passThru = [bool]($Bound.ContainsKey('PassThru') -and $Bound['PassThru'])
        # The signature declares the real ConfirmImpact High: with the default $ConfirmPreference (High) ShouldProcess
        # asks before each deletion unless -Confirm:$false (a non-interactive session cannot answer: the call fails).
        $ctx = Get-LabContext
        foreach ($t in $targets) {
            $uri = Get-StUri $t
            if (-not $Cmdlet.ShouldProcess($uri, 'Delete')) { continue }
            $taskName = $t.taskName
            $taskPath = $t.taskPath
            Update-LabState -Script {
                param($s)
                $h = $s.hosts[$ctx.Computer]
                $keep = New-Object System.Collections.ArrayList
                foreach ($x in $h.tasks) { if (-not ($x.taskName -eq $taskName -and $x.taskPath -eq $taskPath)) { [void]$keep.Add($x) } }
                $h.tasks = $keep
                Add-StRemovedBuiltin -HostState $h -Name $taskName -Path $taskPath
            } | Out-Null
            if ($passThru) { ConvertTo-StTaskCim $t }
        }
        foreach ($m in $missing) {
            Write-StError -Cmdlet $Cmdlet -Record (New-StNotFoundError -Cmdlet $name -Property $m.Property -Value $m.Value)
        }
    }
}

function LabImpl-Enable-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $task = Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            $t.settings.enabled = $true
            if ($t.state -eq 'Disabled') { $t.state = 'Ready' }
            $starter = Get-StCurrentUserName -State $s
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 140 -Message ("User `"$starter`"  updated Task Scheduler task `"" + (Get-StUri $t) + '"')
        }
        ConvertTo-StTaskCim $task
    }
}

function LabImpl-Disable-ScheduledTask {
    param($Cmdlet, $Bound)
    Invoke-StCmdlet $Cmdlet {
        $name = Get-StCmdletName $Cmdlet
        $task = Update-StTask -Cmdlet $name -Key (Get-StTaskKey $Bound) -Change {
            param($s, $h, $t, $now)
            $t.settings.enabled = $false
            $t.state = 'Disabled'
            $starter = Get-StCurrentUserName -State $s
            Add-StHistory -HostState $h -Task $t -Now $now -EventId 142 -Message ("User `"$starter`"  disabled Task Scheduler task `"" + (Get-StUri $t) + '"')
        }
        ConvertTo-StTaskCim $task
    }
}
