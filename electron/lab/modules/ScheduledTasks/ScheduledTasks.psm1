# ScheduledTasks: the lab's Task Scheduler cmdlets (the ScheduledTasks module's 14 CIM cmdlets). Tasks live in
# state.hosts[<current computer>].tasks; a task is identified by TaskName + TaskPath (case-insensitive).
#
# CIM objects: the real cmdlets return CimInstances (MSFT_ScheduledTask, MSFT_TaskExecAction, MSFT_TaskDailyTrigger,
# MSFT_TaskPrincipal2, MSFT_TaskSettings3, MSFT_TaskDynamicInfo, ...), which can't be constructed without libmi.
# Here they are PSCustomObjects with the real property names, in the real order, and the real PSTypeNames on top
# ('Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/<Class>', ... ,
# 'Microsoft.Management.Infrastructure.CimInstance'), so they bind to the generated [PSTypeName(CimInstance)]
# parameters and can be passed back in. CimClass is the string 'Root/Microsoft/Windows/TaskScheduler:<Class>'.
#
# Every host also lists the tasks Windows registers itself (\Microsoft\Windows\..., BuiltinTasks.psd1); the state
# records only what happened to them (Private/Builtin.ps1).
#
# Errors are written the way cmdletization writes them: NON-terminating (WriteError), so -ErrorAction
# SilentlyContinue works as on Windows; under 'Stop' they stop. The FullyQualifiedErrorIds are the real ones
# ('HRESULT 0x800700b7,Register-ScheduledTask', 'CmdletizationQuery_NotFound_TaskName,Get-ScheduledTask', ...).
# Exception types: Microsoft.Management.Infrastructure.CimException and
# Microsoft.PowerShell.Cmdletization.Cim.CimJobException (both constructible with a message on pwsh 7 and 5.1;
# fallbacks: COMException / ItemNotFoundException).
#
# Running a task (Start-ScheduledTask) is decided at once: logon (principal usable here), "Log on as a batch job",
# then the action's file; LastTaskResult is the first failing HRESULT as an unsigned number, 0 on success.
# Windows PowerShell 5.1 syntax only.
#
# This file only loads the module. Each cmdlet's LabImpl-<Cmdlet> (called by its generated signature) is in:
#   Actions.ps1       New-ScheduledTaskAction
#   Triggers.ps1      New-ScheduledTaskTrigger
#   Principals.ps1    New-ScheduledTaskPrincipal
#   Settings.ps1      New-ScheduledTaskSettingsSet
#   Tasks.ps1         New-ScheduledTask, Get-ScheduledTask
#   Registration.ps1  Register-/Set-/Unregister-ScheduledTask, Enable-/Disable-ScheduledTask
#   Run.ps1           Start-/Stop-ScheduledTask, Get-ScheduledTaskInfo
# and the helpers they share in Private/. Dot-sourced files run in this module's scope: their functions and
# $script: variables are the module's, and only the generated cmdlets below are exported.
Import-Module LabCore
. (Join-Path $PSScriptRoot 'ScheduledTasks.Signatures.ps1')

Set-StrictMode -Off

. (Join-Path $PSScriptRoot 'Private/Errors.ps1')
. (Join-Path $PSScriptRoot 'Private/Values.ps1')
. (Join-Path $PSScriptRoot 'Private/CimObjects.ps1')
. (Join-Path $PSScriptRoot 'Private/TaskState.ps1')
. (Join-Path $PSScriptRoot 'Private/Accounts.ps1')
. (Join-Path $PSScriptRoot 'Private/Definitions.ps1')
. (Join-Path $PSScriptRoot 'Private/Builtin.ps1')

. (Join-Path $PSScriptRoot 'Actions.ps1')
. (Join-Path $PSScriptRoot 'Triggers.ps1')
. (Join-Path $PSScriptRoot 'Principals.ps1')
. (Join-Path $PSScriptRoot 'Settings.ps1')
. (Join-Path $PSScriptRoot 'Tasks.ps1')
. (Join-Path $PSScriptRoot 'Registration.ps1')
. (Join-Path $PSScriptRoot 'Run.ps1')

# The generated manifest lists the cmdlets (one list: scripts/gen-lab-signatures.ts); the LabImpl- functions stay private.
Export-ModuleMember -Function (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'ScheduledTasks.psd1')).FunctionsToExport
