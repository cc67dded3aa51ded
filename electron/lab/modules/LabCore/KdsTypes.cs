// The Kds module's output types under their real names (Microsoft.KeyDistributionService.Cmdlets.dll), with the
// properties in the order Get-KdsRootKey and Get-KdsConfiguration show them. Compiled with LabTypes.cs when LabCore
// loads. C# 5 only: Windows PowerShell 5.1 compiles this with the .NET Framework compiler.
using System;

namespace Microsoft.KeyDistributionService.Cmdlets
{
    public class KdsServerConfiguration
    {
        public string AttributeOfWrongFormat { get; set; }
        public byte[] KdfParameters { get; set; }
        public byte[] SecretAgreementParameters { get; set; }
        public bool IsValidFormat { get; set; }
        public string SecretAgreementAlgorithm { get; set; }
        public string KdfAlgorithm { get; set; }
        public int SecretAgreementPublicKeyLength { get; set; }
        public int SecretAgreementPrivateKeyLength { get; set; }
        public int VersionNumber { get; set; }
    }

    /// <summary>One root key (msKds-ProvRootKey). Get-KdsRootKey writes them as one List&lt;KdsRootKey&gt;.</summary>
    public class KdsRootKey
    {
        public string AttributeOfWrongFormat { get; set; }
        public byte[] KeyValue { get; set; }
        public DateTime EffectiveTime { get; set; }
        public DateTime CreationTime { get; set; }
        public bool IsFormatValid { get; set; }
        public string DomainController { get; set; }
        public KdsServerConfiguration ServerConfiguration { get; set; }
        public Guid KeyId { get; set; }
        public int VersionNumber { get; set; }
    }
}
