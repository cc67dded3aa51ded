# The roles, role services and features Get-WindowsFeature lists on Windows Server 2022 (a realistic subset, in the
# order Windows lists them: roles, then features, each tree depth-first). Names, display names, types and the tree
# (Parent; Path and Depth follow from it) are Windows' own. Read by ServerManager.psm1.
#   Default         a sub-feature Install-WindowsFeature adds with its parent when the parent is named (the role
#                   services Server Manager preselects: "Web-Server" brings the default Web Server role services)
#   DependsOn       features that must be installed with it (added by Install-WindowsFeature)
#   ManagementTools what -IncludeManagementTools adds for it
#   Installed       installed on a fresh Windows Server 2022 (Desktop Experience) unless the host's state says otherwise
@{
    Features = @(
        @{ Name = 'AD-Certificate'; DisplayName = 'Active Directory Certificate Services'; FeatureType = 'Role'
            Description = 'Active Directory Certificate Services (AD CS) is used to create certification authorities and related role services that allow you to issue and manage certificates used in a variety of applications.'
            ManagementTools = @('RSAT-ADCS', 'RSAT-ADCS-Mgmt') }
        @{ Name = 'ADCS-Cert-Authority'; DisplayName = 'Certification Authority'; FeatureType = 'Role Service'; Parent = 'AD-Certificate'; Default = $true
            Description = 'Certification Authority (CA) is used to issue and manage certificates. Multiple CAs can be linked to form a public key infrastructure.' }
        @{ Name = 'ADCS-Web-Enrollment'; DisplayName = 'Certification Authority Web Enrollment'; FeatureType = 'Role Service'; Parent = 'AD-Certificate'
            Description = 'Certification Authority Web Enrollment provides a simple Web interface that allows users to perform tasks such as request and renew certificates, retrieve certificate revocation lists (CRLs), and enroll for smart card certificates.'
            DependsOn = @('Web-Server', 'Web-ASP') }
        @{ Name = 'AD-Domain-Services'; DisplayName = 'Active Directory Domain Services'; FeatureType = 'Role'
            Description = 'Active Directory Domain Services (AD DS) stores information about objects on the network and makes this information available to users and network administrators.'
            DependsOn = @('GPMC'); ManagementTools = @('RSAT-AD-Tools', 'RSAT-AD-PowerShell', 'RSAT-ADDS', 'RSAT-AD-AdminCenter', 'RSAT-ADDS-Tools') }
        @{ Name = 'ADLDS'; DisplayName = 'Active Directory Lightweight Directory Services'; FeatureType = 'Role'
            Description = 'Active Directory Lightweight Directory Services (AD LDS) provides a store for application-specific data, for directory-enabled applications that do not require the infrastructure of Active Directory Domain Services.'
            ManagementTools = @('RSAT-AD-Tools', 'RSAT-ADLDS') }
        @{ Name = 'DHCP'; DisplayName = 'DHCP Server'; FeatureType = 'Role'
            Description = 'Dynamic Host Configuration Protocol (DHCP) Server enables you to centrally configure, manage, and provide temporary IP addresses and related information for client computers.'
            ManagementTools = @('RSAT-DHCP') }
        @{ Name = 'DNS'; DisplayName = 'DNS Server'; FeatureType = 'Role'
            Description = 'Domain Name System (DNS) Server provides name resolution for TCP/IP networks. DNS Server is easier to manage when it is installed on the same server as Active Directory Domain Services.'
            ManagementTools = @('RSAT-DNS-Server') }
        @{ Name = 'FileAndStorage-Services'; DisplayName = 'File and Storage Services'; FeatureType = 'Role'; Installed = $true
            Description = 'File and Storage Services includes services that are always installed, as well as functionality that you can install to help manage file servers and storage.' }
        @{ Name = 'File-Services'; DisplayName = 'File and iSCSI Services'; FeatureType = 'Role Service'; Parent = 'FileAndStorage-Services'
            Description = 'File and iSCSI Services provides technologies that help you manage file servers and storage, reduce disk space utilization, replicate and cache files to branch offices, move or fail over a file share to another cluster node, and share files by using the NFS protocol.' }
        @{ Name = 'FS-FileServer'; DisplayName = 'File Server'; FeatureType = 'Role Service'; Parent = 'File-Services'; Default = $true
            Description = 'File Server manages shared folders and enables users to access files on this computer from the network.' }
        @{ Name = 'FS-DFS-Namespace'; DisplayName = 'DFS Namespaces'; FeatureType = 'Role Service'; Parent = 'File-Services'
            Description = 'DFS Namespaces enables you to group shared folders located on different servers into one or more logically structured namespaces.'
            ManagementTools = @('RSAT-DFS-Mgmt-Con') }
        @{ Name = 'FS-DFS-Replication'; DisplayName = 'DFS Replication'; FeatureType = 'Role Service'; Parent = 'File-Services'
            Description = 'DFS Replication is a multimaster replication engine that enables you to synchronize folders on multiple servers across local or wide area network (WAN) network connections.'
            ManagementTools = @('RSAT-DFS-Mgmt-Con') }
        @{ Name = 'Storage-Services'; DisplayName = 'Storage Services'; FeatureType = 'Role Service'; Parent = 'FileAndStorage-Services'; Default = $true; Installed = $true
            Description = 'Storage Services provides storage management functionality that is always installed and cannot be removed.' }
        @{ Name = 'Hyper-V'; DisplayName = 'Hyper-V'; FeatureType = 'Role'
            Description = 'Hyper-V provides the services that you can use to create and manage virtual machines and their resources. Each virtual machine is a virtualized computer system that operates in an isolated execution environment.'
            ManagementTools = @('RSAT-Hyper-V-Tools', 'Hyper-V-Tools', 'Hyper-V-PowerShell') }
        @{ Name = 'Web-Server'; DisplayName = 'Web Server (IIS)'; FeatureType = 'Role'
            Description = 'Web Server (IIS) provides a reliable, manageable, and scalable Web application infrastructure.'
            ManagementTools = @('Web-Mgmt-Console') }
        @{ Name = 'Web-WebServer'; DisplayName = 'Web Server'; FeatureType = 'Role Service'; Parent = 'Web-Server'; Default = $true
            Description = 'Web Server provides support for HTML Web sites and optional support for ASP.NET, ASP, and Web server extensions. You can use the Web Server to host an internal or external Web site or to provide an environment for developers to create Web-based applications.' }
        @{ Name = 'Web-Common-Http'; DisplayName = 'Common HTTP Features'; FeatureType = 'Role Service'; Parent = 'Web-WebServer'; Default = $true
            Description = 'Common HTTP Features supports basic HTTP functionality, such as delivering standard file formats and configuring custom server properties.' }
        @{ Name = 'Web-Default-Doc'; DisplayName = 'Default Document'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'; Default = $true
            Description = 'Default Document lets you configure a default file for the Web server to return when users do not specify a file in a request URL.' }
        @{ Name = 'Web-Dir-Browsing'; DisplayName = 'Directory Browsing'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'; Default = $true
            Description = 'Directory Browsing lets users to see the contents of a directory on your Web server.' }
        @{ Name = 'Web-Http-Errors'; DisplayName = 'HTTP Errors'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'; Default = $true
            Description = 'HTTP Errors allows you to customize the error messages returned to users'' browsers when the Web server detects a fault condition.' }
        @{ Name = 'Web-Static-Content'; DisplayName = 'Static Content'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'; Default = $true
            Description = 'Static Content allows the Web server to publish static Web file formats, such as HTML pages and image files.' }
        @{ Name = 'Web-Http-Redirect'; DisplayName = 'HTTP Redirection'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'
            Description = 'HTTP Redirection provides support to redirect user requests to a specific destination.' }
        @{ Name = 'Web-DAV-Publishing'; DisplayName = 'WebDAV Publishing'; FeatureType = 'Role Service'; Parent = 'Web-Common-Http'
            Description = 'WebDAV Publishing (Web Distributed Authoring and Versioning) enables you to publish files to and from a Web server by using the HTTP protocol.' }
        @{ Name = 'Web-Health'; DisplayName = 'Health and Diagnostics'; FeatureType = 'Role Service'; Parent = 'Web-WebServer'; Default = $true
            Description = 'Health and Diagnostics provides infrastructure to monitor, manage, and troubleshoot the health of Web servers, sites, and applications.' }
        @{ Name = 'Web-Http-Logging'; DisplayName = 'HTTP Logging'; FeatureType = 'Role Service'; Parent = 'Web-Health'; Default = $true
            Description = 'HTTP Logging provides logging of Web site activity for this server.' }
        @{ Name = 'Web-Custom-Logging'; DisplayName = 'Custom Logging'; FeatureType = 'Role Service'; Parent = 'Web-Health'
            Description = 'Custom Logging provides support for logging Web server activity in a format that differs greatly from the manner in which IIS generates log files.' }
        @{ Name = 'Web-Log-Libraries'; DisplayName = 'Logging Tools'; FeatureType = 'Role Service'; Parent = 'Web-Health'
            Description = 'Logging Tools provides infrastructure to manage Web server logs and automate common logging tasks.' }
        @{ Name = 'Web-ODBC-Logging'; DisplayName = 'ODBC Logging'; FeatureType = 'Role Service'; Parent = 'Web-Health'
            Description = 'ODBC Logging provides infrastructure that supports logging Web server activity to an ODBC-compliant database.' }
        @{ Name = 'Web-Request-Monitor'; DisplayName = 'Request Monitor'; FeatureType = 'Role Service'; Parent = 'Web-Health'
            Description = 'Request Monitor provides infrastructure to monitor Web application health by capturing information about HTTP requests in an IIS worker process.' }
        @{ Name = 'Web-Http-Tracing'; DisplayName = 'Tracing'; FeatureType = 'Role Service'; Parent = 'Web-Health'
            Description = 'Tracing provides infrastructure to diagnose and troubleshoot Web applications.' }
        @{ Name = 'Web-Performance'; DisplayName = 'Performance'; FeatureType = 'Role Service'; Parent = 'Web-WebServer'; Default = $true
            Description = 'Performance provides infrastructure for output caching by integrating the dynamic output-caching capabilities of ASP.NET with the static output-caching capabilities that were present in IIS 6.0.' }
        @{ Name = 'Web-Stat-Compression'; DisplayName = 'Static Content Compression'; FeatureType = 'Role Service'; Parent = 'Web-Performance'; Default = $true
            Description = 'Static Content Compression provides infrastructure to configure HTTP compression of static content.' }
        @{ Name = 'Web-Dyn-Compression'; DisplayName = 'Dynamic Content Compression'; FeatureType = 'Role Service'; Parent = 'Web-Performance'
            Description = 'Dynamic Content Compression provides infrastructure to configure HTTP compression of dynamic content.' }
        @{ Name = 'Web-Security'; DisplayName = 'Security'; FeatureType = 'Role Service'; Parent = 'Web-WebServer'; Default = $true
            Description = 'Security provides infrastructure for securing the Web server from users and requests.' }
        @{ Name = 'Web-Filtering'; DisplayName = 'Request Filtering'; FeatureType = 'Role Service'; Parent = 'Web-Security'; Default = $true
            Description = 'Request Filtering screens all incoming requests to the server and filters these requests based on rules set by the administrator.' }
        @{ Name = 'Web-Basic-Auth'; DisplayName = 'Basic Authentication'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'Basic authentication offers strong browser compatibility. Appropriate for small internal networks, this authentication method is rarely used on the public Internet.' }
        @{ Name = 'Web-CertProvider'; DisplayName = 'Centralized SSL Certificate Support'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'Centralized SSL Certificate Support enables you to manage SSL server certificates centrally using a file share.' }
        @{ Name = 'Web-Client-Auth'; DisplayName = 'Client Certificate Mapping Authentication'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'Client Certificate Mapping Authentication uses client certificates to authenticate users.' }
        @{ Name = 'Web-Digest-Auth'; DisplayName = 'Digest Authentication'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'Digest authentication works by sending a password hash to a Windows domain controller to authenticate users.' }
        @{ Name = 'Web-Cert-Auth'; DisplayName = 'IIS Client Certificate Mapping Authentication'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'IIS Client Certificate Mapping Authentication uses client certificates to authenticate users.' }
        @{ Name = 'Web-IP-Security'; DisplayName = 'IP and Domain Restrictions'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'IP and Domain Restrictions allow you to enable or deny content based upon the originating IP address or domain name of the request.' }
        @{ Name = 'Web-Url-Auth'; DisplayName = 'URL Authorization'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'URL Authorization allows you to create rules that restrict access to Web content.' }
        @{ Name = 'Web-Windows-Auth'; DisplayName = 'Windows Authentication'; FeatureType = 'Role Service'; Parent = 'Web-Security'
            Description = 'Windows authentication is a low cost authentication solution for internal Web sites.' }
        @{ Name = 'Web-App-Dev'; DisplayName = 'Application Development'; FeatureType = 'Role Service'; Parent = 'Web-WebServer'
            Description = 'Application Development provides infrastructure for developing and hosting Web applications.' }
        @{ Name = 'Web-Net-Ext'; DisplayName = '.NET Extensibility 3.5'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = '.NET extensibility allows managed code developers to change, add and extend web server functionality in the entire request pipeline, the configuration, and the UI.'
            DependsOn = @('NET-Framework-Core') }
        @{ Name = 'Web-Net-Ext45'; DisplayName = '.NET Extensibility 4.8'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = '.NET extensibility allows managed code developers to change, add and extend web server functionality in the entire request pipeline, the configuration, and the UI.'
            DependsOn = @('NET-Framework-45-ASPNET') }
        @{ Name = 'Web-AppInit'; DisplayName = 'Application Initialization'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'Application Initialization perform expensive web application initialization tasks before serving web pages.' }
        @{ Name = 'Web-ASP'; DisplayName = 'ASP'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'Active Server Pages (ASP) provides a server side scripting environment for building Web sites and Web applications.'
            DependsOn = @('Web-ISAPI-Ext') }
        @{ Name = 'Web-Asp-Net'; DisplayName = 'ASP.NET 3.5'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'ASP.NET provides a server side object oriented programming environment for building Web sites and Web applications using managed code.'
            DependsOn = @('Web-Net-Ext', 'Web-ISAPI-Ext', 'Web-ISAPI-Filter', 'NET-Framework-Core') }
        @{ Name = 'Web-Asp-Net45'; DisplayName = 'ASP.NET 4.8'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'ASP.NET provides a server side object oriented programming environment for building Web sites and Web applications using managed code. ASP.NET 4.8 is not simply a new version of ASP.NET. It provides new functionality and features.'
            DependsOn = @('Web-Net-Ext45', 'Web-ISAPI-Ext', 'Web-ISAPI-Filter', 'NET-Framework-45-ASPNET') }
        @{ Name = 'Web-CGI'; DisplayName = 'CGI'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'CGI defines how a Web server passes information to an external program.' }
        @{ Name = 'Web-ISAPI-Ext'; DisplayName = 'ISAPI Extensions'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'Internet Server Application Programming Interface (ISAPI) Extensions provides support for dynamic Web content developing using ISAPI extensions.' }
        @{ Name = 'Web-ISAPI-Filter'; DisplayName = 'ISAPI Filters'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'Internet Server Application Programming Interface (ISAPI) Filters provides support for Web applications that use ISAPI filters.' }
        @{ Name = 'Web-Includes'; DisplayName = 'Server Side Includes'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'Server Side Includes (SSI) is a scripting language used to generate HTML pages dynamically.' }
        @{ Name = 'Web-WebSockets'; DisplayName = 'WebSocket Protocol'; FeatureType = 'Role Service'; Parent = 'Web-App-Dev'
            Description = 'IIS 10.0 and ASP.NET 4.8 support writing server applications that communicate over the WebSocket Protocol.' }
        @{ Name = 'Web-Ftp-Server'; DisplayName = 'FTP Server'; FeatureType = 'Role Service'; Parent = 'Web-Server'
            Description = 'FTP Server enables the transfer of files between a client and server by using the FTP protocol.' }
        @{ Name = 'Web-Ftp-Service'; DisplayName = 'FTP Service'; FeatureType = 'Role Service'; Parent = 'Web-Ftp-Server'; Default = $true
            Description = 'FTP Service enables FTP publishing on a Web server.' }
        @{ Name = 'Web-Ftp-Ext'; DisplayName = 'FTP Extensibility'; FeatureType = 'Role Service'; Parent = 'Web-Ftp-Server'
            Description = 'FTP Extensibility enables support for FTP extensibility features such as custom providers, ASP.NET users or IIS Manager users.' }
        @{ Name = 'Web-Mgmt-Tools'; DisplayName = 'Management Tools'; FeatureType = 'Role Service'; Parent = 'Web-Server'
            Description = 'Management Tools provide infrastructure to manage a Web server that runs IIS 10.0.' }
        @{ Name = 'Web-Mgmt-Console'; DisplayName = 'IIS Management Console'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Tools'; Default = $true
            Description = 'IIS Management Console provides infrastructure to manage IIS 10.0 by using a user interface.' }
        @{ Name = 'Web-Mgmt-Compat'; DisplayName = 'IIS 6 Management Compatibility'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Tools'
            Description = 'IIS 6 Management Compatibility provides forward compatibility for your applications and scripts that use the two IIS APIs, Admin Base Object (ABO) and Active Directory Service Interface (ADSI).' }
        @{ Name = 'Web-Metabase'; DisplayName = 'IIS 6 Metabase Compatibility'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Compat'; Default = $true
            Description = 'IIS 6 Metabase Compatibility provides infrastructure to query and configure the metabase so that you can run applications and scripts migrated from earlier versions of IIS that use Admin Base Object (ABO) or Active Directory Service Interface (ADSI) APIs.' }
        @{ Name = 'Web-Lgcy-Mgmt-Console'; DisplayName = 'IIS 6 Management Console'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Compat'
            Description = 'IIS 6 Management Console provides infrastructure for administration of remote IIS 6.0 servers from this computer.'
            DependsOn = @('Web-Metabase') }
        @{ Name = 'Web-Lgcy-Scripting'; DisplayName = 'IIS 6 Scripting Tools'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Compat'
            Description = 'IIS 6 Scripting Tools provides the ability to continue using IIS 6.0 scripting tools that were built to manage IIS 6 in IIS 10.0.'
            DependsOn = @('Web-Metabase', 'Web-WMI') }
        @{ Name = 'Web-WMI'; DisplayName = 'IIS 6 WMI Compatibility'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Compat'
            Description = 'IIS 6 WMI Compatibility provides Windows Management Instrumentation (WMI) scripting interfaces to programmatically manage and automate tasks for IIS 10.0 Web server.'
            DependsOn = @('Web-Metabase') }
        @{ Name = 'Web-Scripting-Tools'; DisplayName = 'IIS Management Scripts and Tools'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Tools'
            Description = 'IIS Management Scripts and Tools provide infrastructure to programmatically manage an IIS 10.0 Web server by using commands in a command window or by running scripts.' }
        @{ Name = 'Web-Mgmt-Service'; DisplayName = 'Management Service'; FeatureType = 'Role Service'; Parent = 'Web-Mgmt-Tools'
            Description = 'Management Service allows the Web server to be managed remotely from another computer using IIS Manager.'
            DependsOn = @('NET-Framework-45-ASPNET') }
        @{ Name = 'NET-Framework-Features'; DisplayName = '.NET Framework 3.5 Features'; FeatureType = 'Feature'
            Description = '.NET Framework 3.5 combines the power of the .NET Framework 2.0 APIs with new technologies for building applications that offer appealing user interfaces, protect your customers'' personal identity information, enable seamless and secure communication, and provide the ability to model a range of business processes.' }
        @{ Name = 'NET-Framework-Core'; DisplayName = '.NET Framework 3.5 (includes .NET 2.0 and 3.0)'; FeatureType = 'Feature'; Parent = 'NET-Framework-Features'; Default = $true
            Description = '.NET Framework 3.5 combines the power of the .NET Framework 2.0 APIs with new technologies for building applications that offer appealing user interfaces, protect your customers'' personal identity information, enable seamless and secure communication, and provide the ability to model a range of business processes.' }
        @{ Name = 'NET-Framework-45-Features'; DisplayName = '.NET Framework 4.8 Features'; FeatureType = 'Feature'; Installed = $true
            Description = '.NET Framework 4.8 provides a comprehensive and consistent programming model for quickly and easily building and running applications that are built for various platforms including desktop PCs, Servers, smart phones and the public and private cloud.' }
        @{ Name = 'NET-Framework-45-Core'; DisplayName = '.NET Framework 4.8'; FeatureType = 'Feature'; Parent = 'NET-Framework-45-Features'; Default = $true; Installed = $true
            Description = '.NET Framework 4.8 provides a comprehensive and consistent programming model for quickly and easily building and running applications that are built for various platforms including desktop PCs, Servers, smart phones and the public and private cloud.' }
        @{ Name = 'NET-Framework-45-ASPNET'; DisplayName = 'ASP.NET 4.8'; FeatureType = 'Feature'; Parent = 'NET-Framework-45-Features'
            Description = 'ASP.NET 4.8 provides core support for running ASP.NET 4.8 stand-alone applications as well as applications that are integrated with IIS.'
            DependsOn = @('NET-Framework-45-Core') }
        @{ Name = 'NET-WCF-Services45'; DisplayName = 'WCF Services'; FeatureType = 'Feature'; Parent = 'NET-Framework-45-Features'; Installed = $true
            Description = 'Windows Communication Foundation (WCF) Activation uses Windows Process Activation Service to invoke applications remotely over the network by using protocols such as HTTP, Message Queuing, TCP, and named pipes.' }
        @{ Name = 'NET-WCF-TCP-PortSharing45'; DisplayName = 'TCP Port Sharing'; FeatureType = 'Feature'; Parent = 'NET-WCF-Services45'; Default = $true; Installed = $true
            Description = 'TCP Port Sharing allows multiple net.tcp applications to share a single incoming TCP port.' }
        @{ Name = 'BitLocker'; DisplayName = 'BitLocker Drive Encryption'; FeatureType = 'Feature'
            Description = 'BitLocker Drive Encryption helps to protect data on lost, stolen, or inappropriately decommissioned computers by encrypting the entire volume and checking the integrity of early boot components.'
            ManagementTools = @('RSAT-Feature-Tools-BitLocker') }
        @{ Name = 'Failover-Clustering'; DisplayName = 'Failover Clustering'; FeatureType = 'Feature'
            Description = 'Failover Clustering allows multiple servers to work together to provide high availability of server roles. Failover Clustering is often used for File Services, virtual machines, database applications, and mail applications.'
            ManagementTools = @('RSAT-Clustering', 'RSAT-Clustering-Mgmt', 'RSAT-Clustering-PowerShell') }
        @{ Name = 'GPMC'; DisplayName = 'Group Policy Management'; FeatureType = 'Feature'
            Description = 'Group Policy Management is a scriptable Microsoft Management Console (MMC) snap-in, providing a single administrative tool for managing Group Policy across the enterprise. Group Policy Management is the standard tool for managing Group Policy.' }
        @{ Name = 'RSAT'; DisplayName = 'Remote Server Administration Tools'; FeatureType = 'Feature'
            Description = 'Remote Server Administration Tools includes snap-ins and command-line tools for remotely managing roles and features.' }
        @{ Name = 'RSAT-Feature-Tools'; DisplayName = 'Feature Administration Tools'; FeatureType = 'Feature'; Parent = 'RSAT'
            Description = 'Feature Administration Tools includes snap-ins and command-line tools for remotely managing features.' }
        @{ Name = 'RSAT-Feature-Tools-BitLocker'; DisplayName = 'BitLocker Drive Encryption Administration Utilities'; FeatureType = 'Feature'; Parent = 'RSAT-Feature-Tools'
            Description = 'BitLocker Drive Encryption Administration Utilities include snap-ins and command-line tools for managing BitLocker Drive Encryption features.' }
        @{ Name = 'RSAT-Clustering'; DisplayName = 'Failover Clustering Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Feature-Tools'
            Description = 'Failover Clustering Tools include the Failover Cluster Manager snap-in, the Cluster-Aware Updating interface, and the Failover Cluster module for Windows PowerShell.' }
        @{ Name = 'RSAT-Clustering-Mgmt'; DisplayName = 'Failover Cluster Management Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Clustering'; Default = $true
            Description = 'Failover Cluster Management Tools include the Failover Cluster Manager snap-in and the Cluster-Aware Updating interface.' }
        @{ Name = 'RSAT-Clustering-PowerShell'; DisplayName = 'Failover Cluster Module for Windows PowerShell'; FeatureType = 'Feature'; Parent = 'RSAT-Clustering'; Default = $true
            Description = 'Failover Cluster Module for Windows PowerShell includes Windows PowerShell cmdlets for managing failover clusters.' }
        @{ Name = 'RSAT-Role-Tools'; DisplayName = 'Role Administration Tools'; FeatureType = 'Feature'; Parent = 'RSAT'
            Description = 'Role Administration Tools includes snap-ins and command-line tools for remotely managing roles.' }
        @{ Name = 'RSAT-AD-Tools'; DisplayName = 'AD DS and AD LDS Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'Active Directory Domain Services (AD DS) and Active Directory Lightweight Directory Services (AD LDS) Tools includes snap-ins and command-line tools for remotely managing AD DS and AD LDS.' }
        @{ Name = 'RSAT-AD-PowerShell'; DisplayName = 'Active Directory module for Windows PowerShell'; FeatureType = 'Feature'; Parent = 'RSAT-AD-Tools'; Default = $true
            Description = 'The Active Directory module for Windows PowerShell and the tools it provides can be used by Active Directory administrators to manage Active Directory Domain Services (AD DS) at the command line.' }
        @{ Name = 'RSAT-ADDS'; DisplayName = 'AD DS Tools'; FeatureType = 'Feature'; Parent = 'RSAT-AD-Tools'; Default = $true
            Description = 'Active Directory Domain Services (AD DS) Tools includes snap-ins and command-line tools for remotely managing AD DS.' }
        @{ Name = 'RSAT-AD-AdminCenter'; DisplayName = 'Active Directory Administrative Center'; FeatureType = 'Feature'; Parent = 'RSAT-ADDS'; Default = $true
            Description = 'Active Directory Administrative Center provides users and network administrators with an enhanced Active Directory data management experience and a rich graphical user interface (GUI) to perform common Active Directory object management tasks.'
            DependsOn = @('RSAT-AD-PowerShell') }
        @{ Name = 'RSAT-ADDS-Tools'; DisplayName = 'AD DS Snap-Ins and Command-Line Tools'; FeatureType = 'Feature'; Parent = 'RSAT-ADDS'; Default = $true
            Description = 'Active Directory Domain Services Snap-Ins and Command-Line Tools includes Active Directory Users and Computers, Active Directory Domains and Trusts, Active Directory Sites and Services, and other snap-ins and command-line tools for remotely managing Active Directory domain controllers.' }
        @{ Name = 'RSAT-ADLDS'; DisplayName = 'AD LDS Snap-Ins and Command-Line Tools'; FeatureType = 'Feature'; Parent = 'RSAT-AD-Tools'; Default = $true
            Description = 'Active Directory Lightweight Directory Services (AD LDS) Snap-Ins and Command-Line Tools includes ADSI Edit, Ldp.exe, and other snap-ins and command-line tools for managing AD LDS.' }
        @{ Name = 'RSAT-Hyper-V-Tools'; DisplayName = 'Hyper-V Management Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'Hyper-V Management Tools includes GUI and command-line tools for managing Hyper-V.' }
        @{ Name = 'Hyper-V-Tools'; DisplayName = 'Hyper-V GUI Management Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Hyper-V-Tools'; Default = $true
            Description = 'Hyper-V GUI Management Tools includes the Hyper-V Manager snap-in and Virtual Machine Connection tool.' }
        @{ Name = 'Hyper-V-PowerShell'; DisplayName = 'Hyper-V Module for Windows PowerShell'; FeatureType = 'Feature'; Parent = 'RSAT-Hyper-V-Tools'; Default = $true
            Description = 'Hyper-V Module for Windows PowerShell includes Windows PowerShell cmdlets for managing Hyper-V.' }
        @{ Name = 'RSAT-ADCS'; DisplayName = 'Active Directory Certificate Services Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'Active Directory Certificate Services Tools includes the Certification Authority, Certificate Templates, Enterprise PKI, and Online Responder Management snap-ins.' }
        @{ Name = 'RSAT-ADCS-Mgmt'; DisplayName = 'Certification Authority Management Tools'; FeatureType = 'Feature'; Parent = 'RSAT-ADCS'; Default = $true
            Description = 'Certification Authority Management Tools includes the Certification Authority, Certificate Templates, and Enterprise PKI snap-ins.' }
        @{ Name = 'RSAT-DHCP'; DisplayName = 'DHCP Server Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'DHCP Server Tools includes the DHCP MMC snap-in, DHCP server netsh context and Windows PowerShell module for DHCP Server.' }
        @{ Name = 'RSAT-DNS-Server'; DisplayName = 'DNS Server Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'DNS Server Tools includes the DNS Manager snap-in, dnscmd.exe command-line tool and Windows PowerShell module for DNS Server.' }
        @{ Name = 'RSAT-File-Services'; DisplayName = 'File Services Tools'; FeatureType = 'Feature'; Parent = 'RSAT-Role-Tools'
            Description = 'File Services Tools include snap-ins and command-line tools that help you manage File Services.' }
        @{ Name = 'RSAT-DFS-Mgmt-Con'; DisplayName = 'DFS Management Tools'; FeatureType = 'Feature'; Parent = 'RSAT-File-Services'
            Description = 'DFS Management Tools includes the DFS Management snap-in, and the DFS Replication service, DFS Namespaces PowerShell modules and command-line tools.' }
        @{ Name = 'Telnet-Client'; DisplayName = 'Telnet Client'; FeatureType = 'Feature'
            Description = 'Telnet Client uses the Telnet protocol to connect to a remote Telnet server and run applications on that server.' }
        @{ Name = 'Windows-Defender'; DisplayName = 'Microsoft Defender Antivirus'; FeatureType = 'Feature'; Installed = $true
            Description = 'Microsoft Defender Antivirus helps protect your machine from malware.' }
        @{ Name = 'PowerShellRoot'; DisplayName = 'Windows PowerShell'; FeatureType = 'Feature'; Installed = $true
            Description = 'Windows PowerShell enables you to automate local and remote Windows administration. This task-based command-line shell and scripting language is built on the Microsoft .NET Framework. It includes hundreds of built-in commands and lets you write and distribute your own commands and scripts.' }
        @{ Name = 'PowerShell'; DisplayName = 'Windows PowerShell 5.1'; FeatureType = 'Feature'; Parent = 'PowerShellRoot'; Default = $true; Installed = $true
            Description = 'Windows PowerShell enables you to automate local and remote Windows administration. This task-based command-line shell and scripting language is built on the Microsoft .NET Framework. It includes hundreds of built-in commands and lets you write and distribute your own commands and scripts.'
            DependsOn = @('NET-Framework-45-Core') }
        @{ Name = 'PowerShell-V2'; DisplayName = 'Windows PowerShell 2.0 Engine'; FeatureType = 'Feature'; Parent = 'PowerShellRoot'
            Description = 'Windows PowerShell 2.0 Engine includes the core components from Windows PowerShell 2.0 for backward compatibility with existing Windows PowerShell host applications.'
            DependsOn = @('NET-Framework-Core') }
        @{ Name = 'PowerShell-ISE'; DisplayName = 'Windows PowerShell ISE'; FeatureType = 'Feature'; Parent = 'PowerShellRoot'; Default = $true; Installed = $true
            Description = 'Windows PowerShell Integrated Scripting Environment (ISE) lets you compose, edit, and debug scripts and run multi-line interactive commands in a graphical environment.'
            DependsOn = @('PowerShell') }
        @{ Name = 'WAS'; DisplayName = 'Windows Process Activation Service'; FeatureType = 'Feature'
            Description = 'Windows Process Activation Service generalizes the IIS process model, removing the dependency on HTTP. All the features of IIS that were previously available only to HTTP applications are now available to applications hosting Windows Communication Foundation (WCF) services, using non-HTTP protocols.' }
        @{ Name = 'WAS-Process-Model'; DisplayName = 'Process Model'; FeatureType = 'Feature'; Parent = 'WAS'; Default = $true
            Description = 'Process Model hosts Web and WCF services. Introduced with IIS 6.0, the process model is a new architecture that features rapid failure protection, health monitoring, and recycling.' }
        @{ Name = 'WAS-Config-APIs'; DisplayName = 'Configuration APIs'; FeatureType = 'Feature'; Parent = 'WAS'; Default = $true
            Description = 'Configuration APIs enable applications that are built using the .NET Framework to configure Windows Process Activation Model programmatically.' }
        @{ Name = 'WoW64-Support'; DisplayName = 'WoW64 Support'; FeatureType = 'Feature'; Installed = $true
            Description = 'Includes all of WoW64 to support running 32-bit applications on Server Core installations. This feature is required for full Server installations. Uninstalling WoW64 Support will convert a full Server installation into a Server Core installation.' }
        @{ Name = 'XPS-Viewer'; DisplayName = 'XPS Viewer'; FeatureType = 'Feature'; Installed = $true
            Description = 'The XPS Viewer is the program you can use to view, search, set permissions for, and digitally sign XPS documents.' }
    )
}
