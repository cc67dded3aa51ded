// Schema GUIDs the audit judges rules by (schemaIDGUID of an attribute or class), from Microsoft Learn [MS-ADA2] /
// [MS-ADSC] and the adschema pages (the sources are listed in docs/audit/sources.md, section 1):
//   msDS-GroupMSAMembership  https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada2/c651f64d-5e92-4d12-9011-e6811ed306aa
//   msKds-RootKeyData        https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ada2/aa13d9fe-34ec-40db-a6ae-3930f49de815
//   msDS-DelegatedManagedServiceAccount (class): Akamai's Get-BadSuccessorOUPermissions.ps1, NetExec, PingCastle.
export const GUIDS = {
  empty: '00000000-0000-0000-0000-000000000000',
  groupMsaMembership: '888eedd6-ce04-df40-b462-b8a50e41ba38',
  kdsRootKeyData: '26627c27-08a2-0a40-a1b1-8dce85b42993',
  dmsaClass: '0feb936f-47b3-49f2-9386-1dedc2c23765',
} as const;
