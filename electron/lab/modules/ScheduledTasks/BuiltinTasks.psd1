# The \Microsoft\Windows\ tasks Windows itself registers (a realistic subset of what Windows Server 2022 and
# Windows 11 list: real folders, names, programs and principals). Private/Builtin.ps1 reads this file; the lab state
# records only what differs on a host (a changed task is a full record in hosts.<computer>.tasks, a deleted one is
# listed in hosts.<computer>.removedTasks). Only tasks with Exec actions are modelled (the lab has no COM handler
# actions). Hosts: 'All', 'Server' (member servers and DCs) or 'Client'.
# Principals as Get-ScheduledTask shows them: service accounts by name (UserId SYSTEM / LOCAL SERVICE /
# NETWORK SERVICE, LogonType ServiceAccount), groups by name (GroupId Users / INTERACTIVE / Administrators,
# LogonType Group). None of them is a user account.
@{
    Registered = '2021-05-08T08:00:00Z'
    Tasks      = @(
        @{ Path = '\Microsoft\Windows\Application Experience\'; Name = 'Microsoft Compatibility Appraiser'; Hosts = 'All'
            Description = 'Collects program telemetry information if opted-in to the Microsoft Customer Experience Improvement Program.'
            Execute = '%windir%\system32\compattelrunner.exe'; Arguments = $null
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest'
            Daily = '2021-05-08T03:00:00' }
        @{ Path = '\Microsoft\Windows\Application Experience\'; Name = 'ProgramDataUpdater'; Hosts = 'Server'
            Description = 'Collects program telemetry information if opted-in to the Microsoft Customer Experience Improvement Program'
            Execute = '%windir%\system32\compattelrunner.exe'; Arguments = '-maintenance'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Customer Experience Improvement Program\'; Name = 'Consolidator'; Hosts = 'All'
            Description = 'If the user has consented to participate in the Windows Customer Experience Improvement Program, this job collects and sends usage data to Microsoft.'
            Execute = '%SystemRoot%\System32\wsqmcons.exe'; Arguments = $null
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Daily = '2004-01-02T00:00:00' }
        @{ Path = '\Microsoft\Windows\Defrag\'; Name = 'ScheduledDefrag'; Hosts = 'All'
            Description = 'This task optimizes local storage drives.'
            Execute = '%windir%\system32\defrag.exe'; Arguments = '-c -h -o -$'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Device Information\'; Name = 'Device'; Hosts = 'All'
            Description = 'Device Information Agent'
            Execute = '%windir%\system32\devicecensus.exe'; Arguments = 'SystemCxt'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Daily = '2008-09-01T03:00:00' }
        @{ Path = '\Microsoft\Windows\Device Information\'; Name = 'Device User'; Hosts = 'All'
            Description = 'Device Information Agent'
            Execute = '%windir%\system32\devicecensus.exe'; Arguments = 'UserCxt'
            UserId = $null; GroupId = 'INTERACTIVE'; LogonType = 'Group'; RunLevel = 'Limited' }
        @{ Path = '\Microsoft\Windows\DiskCleanup\'; Name = 'SilentCleanup'; Hosts = 'All'
            Description = 'Maintenance task used by the system to launch a silent auto disk cleanup when running low on free disk space.'
            Execute = '%windir%\system32\cleanmgr.exe'; Arguments = '/autoclean /d %systemdrive%'
            UserId = $null; GroupId = 'Users'; LogonType = 'Group'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\NetTrace\'; Name = 'GatherNetworkInfo'; Hosts = 'All'
            Description = 'Network information collector'
            Execute = '%windir%\system32\gatherNetworkInfo.vbs'; Arguments = $null
            UserId = $null; GroupId = 'Users'; LogonType = 'Group'; RunLevel = 'Limited' }
        @{ Path = '\Microsoft\Windows\Server Manager\'; Name = 'CleanupOldPerfLogs'; Hosts = 'Server'
            Description = 'This task cleans up old Performance Logs and Alerts data.'
            Execute = '%systemroot%\system32\cscript.exe'; Arguments = '/B /nologo %systemroot%\system32\calluxxprovider.vbs $(Arg0) $(Arg1) $(Arg2)'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Server Manager\'; Name = 'ServerManager'; Hosts = 'Server'
            Description = 'Task for launching Server Manager when you log on.'
            Execute = '%windir%\system32\ServerManagerLauncher.exe'; Arguments = $null
            UserId = $null; GroupId = 'Administrators'; LogonType = 'Group'; RunLevel = 'Highest'
            Logon = $true }
        @{ Path = '\Microsoft\Windows\Speech\'; Name = 'SpeechModelDownloadTask'; Hosts = 'All'
            Description = $null
            Execute = '%windir%\system32\speech_onecore\common\SpeechModelDownload.exe'; Arguments = $null
            UserId = 'NETWORK SERVICE'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Daily = '2016-01-01T03:00:00' }
        @{ Path = '\Microsoft\Windows\Time Synchronization\'; Name = 'SynchronizeTime'; Hosts = 'All'
            Description = 'Maintains date and time synchronization on all clients and servers in the network. If this service is stopped, date and time synchronization will be unavailable. If this service is disabled, any services that explicitly depend on it will fail to start.'
            Execute = '%windir%\system32\sc.exe'; Arguments = 'start w32time task_started'
            UserId = 'LOCAL SERVICE'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Weekly = '2005-01-01T01:00:00' }
        @{ Path = '\Microsoft\Windows\UpdateOrchestrator\'; Name = 'Report policies'; Hosts = 'All'
            Description = $null
            Execute = '%systemroot%\system32\usoclient.exe'; Arguments = 'ReportPolicies'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited' }
        @{ Path = '\Microsoft\Windows\UpdateOrchestrator\'; Name = 'Schedule Scan'; Hosts = 'All'
            Description = 'Initiates a scheduled Windows Update scan.'
            Execute = '%systemroot%\system32\usoclient.exe'; Arguments = 'StartScan'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Daily = '2021-05-08T14:21:00' }
        @{ Path = '\Microsoft\Windows\UpdateOrchestrator\'; Name = 'Schedule Scan Static Task'; Hosts = 'All'
            Description = $null
            Execute = '%systemroot%\system32\usoclient.exe'; Arguments = 'StartScan'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited' }
        @{ Path = '\Microsoft\Windows\UpdateOrchestrator\'; Name = 'USO_UxBroker'; Hosts = 'All'
            Description = 'Forces rebooting of the device to complete update installation.'
            Execute = '%systemroot%\system32\MusNotification.exe'; Arguments = 'ReadyToReboot'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited' }
        @{ Path = '\Microsoft\Windows\Windows Defender\'; Name = 'Windows Defender Cache Maintenance'; Hosts = 'All'
            Description = 'Periodic maintenance task.'
            Execute = 'C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.23110.3-0\MpCmdRun.exe'; Arguments = '-IdleTask -TaskName WdCacheMaintenance'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Windows Defender\'; Name = 'Windows Defender Cleanup'; Hosts = 'All'
            Description = 'Periodic cleanup task.'
            Execute = 'C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.23110.3-0\MpCmdRun.exe'; Arguments = '-IdleTask -TaskName WdCleanup'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Windows Defender\'; Name = 'Windows Defender Scheduled Scan'; Hosts = 'All'
            Description = 'Periodic scan task.'
            Execute = 'C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.23110.3-0\MpCmdRun.exe'; Arguments = 'Scan -ScheduleJob -ScanTrigger 55'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Windows Defender\'; Name = 'Windows Defender Verification'; Hosts = 'All'
            Description = 'Periodic verification task.'
            Execute = 'C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.23110.3-0\MpCmdRun.exe'; Arguments = '-IdleTask -TaskName WdVerification'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Highest' }
        @{ Path = '\Microsoft\Windows\Windows Error Reporting\'; Name = 'QueueReporting'; Hosts = 'All'
            Description = 'Windows Error Reporting task to process queued reports.'
            Execute = '%windir%\system32\wermgr.exe'; Arguments = '-upload'
            UserId = $null; GroupId = 'Users'; LogonType = 'Group'; RunLevel = 'Limited'
            Logon = $true }
        @{ Path = '\Microsoft\Windows\WindowsUpdate\'; Name = 'Scheduled Start'; Hosts = 'All'
            Description = 'This task is used to start the Windows Update service when needed to perform scheduled operations such as scans.'
            Execute = 'C:\Windows\system32\sc.exe'; Arguments = 'start wuauserv'
            UserId = 'SYSTEM'; GroupId = $null; LogonType = 'ServiceAccount'; RunLevel = 'Limited'
            Daily = '2015-01-01T03:00:00' }
        @{ Path = '\Microsoft\Windows\Shell\'; Name = 'FamilySafetyMonitor'; Hosts = 'Client'
            Description = 'Initializes Family Safety monitoring and enforcement.'
            Execute = '%windir%\System32\wpcmon.exe'; Arguments = $null
            UserId = $null; GroupId = 'Users'; LogonType = 'Group'; RunLevel = 'Limited'
            Logon = $true }
    )
}
