# The capabilities (Features on Demand) Get-WindowsCapability -Online lists on Windows 11 (a realistic subset, in
# Windows' order: by name). Read by Dism.psm1. Installed: present on a fresh Windows 11 Enterprise unless the host's
# state says otherwise. Rsat: a Remote Server Administration Tools capability (Windows client only; servers install
# RSAT with Install-WindowsFeature).
@{
    Capabilities = @(
        @{ Name = 'App.StepsRecorder~~~~0.0.1.0'; DisplayName = 'Steps Recorder'; Installed = $true
            Description = 'Capture steps with screenshots to save or share.'; DownloadSize = 1201892; InstallSize = 2871296 }
        @{ Name = 'Browser.InternetExplorer~~~~0.0.11.0'; DisplayName = 'Internet Explorer mode'; Installed = $true
            Description = 'Enables Internet Explorer mode in Microsoft Edge.'; DownloadSize = 2697640; InstallSize = 8830976 }
        @{ Name = 'DirectX.Configuration.Database~~~~0.0.1.0'; DisplayName = 'DirectX Configuration Database'; Installed = $true
            Description = 'Configuration database for DirectX applications.'; DownloadSize = 103936; InstallSize = 344064 }
        @{ Name = 'Hello.Face.20134~~~~0.0.1.0'; DisplayName = 'Windows Hello Face'; Installed = $true
            Description = 'Windows Hello Face software for supported cameras.'; DownloadSize = 11532916; InstallSize = 34017280 }
        @{ Name = 'Language.Basic~~~en-US~0.0.1.0'; DisplayName = 'English (United States) Language Basic'; Installed = $true
            Description = 'Spelling and text prediction for English (United States).'; DownloadSize = 4394328; InstallSize = 17494016 }
        @{ Name = 'MathRecognizer~~~~0.0.1.0'; DisplayName = 'Math Recognizer'; Installed = $true
            Description = 'Math Recognizer'; DownloadSize = 10278476; InstallSize = 25772032 }
        @{ Name = 'Media.WindowsMediaPlayer~~~~0.0.12.0'; DisplayName = 'Windows Media Player Legacy (App)'; Installed = $true
            Description = 'Play audio and video files on your local machine and on the Internet.'; DownloadSize = 18019960; InstallSize = 54071296 }
        @{ Name = 'Microsoft.Windows.Notepad.System~~~~0.0.1.0'; DisplayName = 'Notepad (system)'; Installed = $true
            Description = 'View, edit, and search plain text documents and source code files.'; DownloadSize = 207188; InstallSize = 745472 }
        @{ Name = 'Microsoft.Windows.PowerShell.ISE~~~~0.0.1.0'; DisplayName = 'Windows PowerShell ISE'; Installed = $true
            Description = 'Windows PowerShell Integrated Scripting Environment (ISE) lets you compose, edit, and debug scripts and run multi-line interactive commands in a graphical environment.'; DownloadSize = 1289180; InstallSize = 5390336 }
        @{ Name = 'Microsoft.Windows.WordPad~~~~0.0.1.0'; DisplayName = 'WordPad'
            Description = 'Create and edit documents with simple formatting.'; DownloadSize = 2370868; InstallSize = 7454720 }
        @{ Name = 'Msix.PackagingTool.Driver~~~~0.0.1.0'; DisplayName = 'MSIX Packaging Tool Driver'
            Description = 'MSIX Packaging Tool Driver monitors the environment to capture changes made by application installers so that the MSIX Packaging Tool can convert them to MSIX packages.'; DownloadSize = 41088; InstallSize = 114688 }
        @{ Name = 'OpenSSH.Client~~~~0.0.1.0'; DisplayName = 'OpenSSH Client'; Installed = $true
            Description = 'Powershell-based secure shell (SSH) client, for secure key management and access to remote machines.'; DownloadSize = 1310720; InstallSize = 5242880 }
        @{ Name = 'OpenSSH.Server~~~~0.0.1.0'; DisplayName = 'OpenSSH Server'
            Description = 'Powershell-based secure shell (SSH) server, for secure key management and access from remote machines.'; DownloadSize = 1290443; InstallSize = 5218304 }
        @{ Name = 'Print.Management.Console~~~~0.0.1.0'; DisplayName = 'Print Management'; Installed = $true
            Description = 'Manage printers, printer drivers, and printer servers.'; DownloadSize = 1138872; InstallSize = 3657728 }
        @{ Name = 'Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Active Directory Domain Services and Lightweight Directory Services Tools'; Rsat = $true
            Description = 'Active Directory Domain Services (AD DS) and Active Directory Lightweight Directory Services (AD LDS) Tools include snap-ins and command-line tools for remotely managing AD DS and AD LDS on Windows Server.'; DownloadSize = 5242880; InstallSize = 18874368 }
        @{ Name = 'Rsat.BitLocker.Recovery.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: BitLocker Drive Encryption Administration Utilities'; Rsat = $true
            Description = 'BitLocker Drive Encryption Administration Utilities include tools for managing BitLocker Drive Encryption features. BitLocker Active Directory Recovery Password Viewer helps to locate BitLocker drive encryption recovery passwords in Active Directory Domain Services (AD DS).'; DownloadSize = 69632; InstallSize = 212992 }
        @{ Name = 'Rsat.CertificateServices.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Active Directory Certificate Services Tools'; Rsat = $true
            Description = 'Active Directory Certificate Services Tools include the Certification Authority, Certificate Templates, Enterprise PKI, and Online Responder Management snap-ins for remotely managing AD CS on Windows Server.'; DownloadSize = 1617920; InstallSize = 5451776 }
        @{ Name = 'Rsat.DHCP.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: DHCP Server Tools'; Rsat = $true
            Description = 'DHCP Server Tools include the DHCP MMC snap-in, DHCP server netsh context and Windows PowerShell module for DHCP Server.'; DownloadSize = 1011712; InstallSize = 3702784 }
        @{ Name = 'Rsat.Dns.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: DNS Server Tools'; Rsat = $true
            Description = 'DNS Server tools include the DNS Manager snap-in, dnscmd.exe command-line tool and Windows PowerShell module for DNS Server.'; DownloadSize = 1048576; InstallSize = 4194304 }
        @{ Name = 'Rsat.FailoverCluster.Management.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Failover Clustering Tools'; Rsat = $true
            Description = 'Failover Clustering Tools include the Failover Cluster Manager snap-in, the Cluster-Aware Updating interface, and the Failover Cluster module for Windows PowerShell.'; DownloadSize = 13541376; InstallSize = 41328640 }
        @{ Name = 'Rsat.FileServices.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: File Services Tools'; Rsat = $true
            Description = 'File Services Tools include snap-ins and command-line tools for remotely managing the File Services role on Windows Server.'; DownloadSize = 4734976; InstallSize = 16351232 }
        @{ Name = 'Rsat.GroupPolicy.Management.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Group Policy Management Tools'; Rsat = $true
            Description = 'Group Policy Management Tools include Group Policy Management Console, Group Policy Management Editor, and Group Policy Starter GPO Editor.'; DownloadSize = 3145728; InstallSize = 12582912 }
        @{ Name = 'Rsat.IPAM.Client.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: IP Address Management (IPAM) Client'; Rsat = $true
            Description = 'IP Address Management (IPAM) Client is used to connect to and manage a remote IPAM server.'; DownloadSize = 1081344; InstallSize = 3416064 }
        @{ Name = 'Rsat.LLDP.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Data Center Bridging LLDP Tools'; Rsat = $true
            Description = 'Data Center Bridging LLDP Tools include PowerShell tools for remotely managing LLDP agents on Windows Server.'; DownloadSize = 32768; InstallSize = 90112 }
        @{ Name = 'Rsat.NetworkController.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Network Controller Management Tools'; Rsat = $true
            Description = 'Network Controller Management Tools include PowerShell tools for managing the Network Controller role on Windows Server.'; DownloadSize = 1564672; InstallSize = 5226496 }
        @{ Name = 'Rsat.NetworkLoadBalancing.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Network Load Balancing Tools'; Rsat = $true
            Description = 'Network Load Balancing Tools include the Network Load Balancing Manager snap-in, the Network Load Balancing module for Windows PowerShell, and the nlb.exe and wlbs.exe command-line tools.'; DownloadSize = 356352; InstallSize = 1105920 }
        @{ Name = 'Rsat.RemoteAccess.Management.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Remote Access Management Tools'; Rsat = $true
            Description = 'Remote Access Management Tools include graphical and PowerShell tools for managing the Remote Access role on Windows Server.'; DownloadSize = 12918784; InstallSize = 39981056 }
        @{ Name = 'Rsat.RemoteDesktop.Services.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Remote Desktop Services Tools'; Rsat = $true
            Description = 'Remote Desktop Services Tools include snap-ins for Remote Desktop Licensing Manager, Remote Desktop Licensing Diagnostics and Remote Desktop Gateway Manager. Use Server Manager to administer all other RDS role services.'; DownloadSize = 999424; InstallSize = 3002368 }
        @{ Name = 'Rsat.ServerManager.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Server Manager'; Rsat = $true
            Description = 'Server Manager includes the Server Manager console and PowerShell tools for remotely managing Windows Server.'; DownloadSize = 4194304; InstallSize = 16777216 }
        @{ Name = 'Rsat.StorageMigrationService.Management.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Storage Migration Service Management Tools'; Rsat = $true
            Description = 'Provides management tools for storage migration jobs.'; DownloadSize = 1138688; InstallSize = 4276224 }
        @{ Name = 'Rsat.StorageReplica.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Storage Replica Module for Windows PowerShell'; Rsat = $true
            Description = 'Includes PowerShell module to remotely manage the Storage Replica feature on Windows Server.'; DownloadSize = 188416; InstallSize = 602112 }
        @{ Name = 'Rsat.SystemInsights.Management.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: System Insights Module for Windows PowerShell'; Rsat = $true
            Description = 'System Insights Module for Windows PowerShell provides the ability to manage System Insights feature.'; DownloadSize = 69632; InstallSize = 208896 }
        @{ Name = 'Rsat.VolumeActivation.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Volume Activation Tools'; Rsat = $true
            Description = 'Volume activation Tools can be used to manage volume activation license keys on a Key Management Service (KMS) host or in Microsoft Active Directory Domain Services.'; DownloadSize = 413696; InstallSize = 1327104 }
        @{ Name = 'Rsat.WSUS.Tools~~~~0.0.1.0'; DisplayName = 'RSAT: Windows Server Update Services Tools'; Rsat = $true
            Description = 'Windows Server Update Services Tools include graphical and PowerShell tools for managing WSUS.'; DownloadSize = 3432448; InstallSize = 11182080 }
        @{ Name = 'Tools.DeveloperMode.Core~~~~0.0.1.0'; DisplayName = 'Windows Developer Mode'
            Description = 'Remote tools and SSH server for developer mode.'; DownloadSize = 1003520; InstallSize = 3964928 }
        @{ Name = 'Tools.Graphics.DirectX~~~~0.0.1.0'; DisplayName = 'Graphics Tools'
            Description = 'DirectX Graphics Tools. Used for graphics diagnostics and creating Direct3D debug devices.'; DownloadSize = 22556672; InstallSize = 69742592 }
        @{ Name = 'VBSCRIPT~~~~'; DisplayName = 'VBSCRIPT'; Installed = $true
            Description = 'VBScript'; DownloadSize = 430524; InstallSize = 1511424 }
        @{ Name = 'WMIC~~~~'; DisplayName = 'WMIC'; Installed = $true
            Description = 'WMI command-line utility.'; DownloadSize = 214648; InstallSize = 598016 }
        @{ Name = 'XPS.Viewer~~~~0.0.1.0'; DisplayName = 'XPS Viewer'
            Description = 'View, search, set permissions for, and digitally sign XPS documents.'; DownloadSize = 1638400; InstallSize = 5283840 }
    )
}
