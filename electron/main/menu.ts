// The application menu: the usual Edit roles (copy from the PowerShell panel), and Help links to Microsoft Learn.
import type { Menu as MenuType, MenuItemConstructorOptions, Shell } from 'electron';
import { isAllowedExternalUrl } from './security.js';

export const HELP_LINKS = [
  [
    'Group Managed Service Accounts overview',
    'https://learn.microsoft.com/windows-server/identity/ad-ds/manage/group-managed-service-accounts/group-managed-service-accounts/group-managed-service-accounts-overview',
  ],
  [
    'Create the Key Distribution Services KDS Root Key',
    'https://learn.microsoft.com/windows-server/identity/ad-ds/manage/group-managed-service-accounts/group-managed-service-accounts/create-the-key-distribution-services-kds-root-key',
  ],
] as const;

export function menuTemplate(shell: Pick<Shell, 'openExternal'>): MenuItemConstructorOptions[] {
  return [
    { label: 'File', submenu: [{ role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }],
    },
    {
      label: 'Help',
      submenu: HELP_LINKS.map(([label, url]) => ({
        label,
        click: () => {
          if (isAllowedExternalUrl(url)) void shell.openExternal(url);
        },
      })),
    },
  ];
}

export function buildMenu(
  Menu: Pick<typeof MenuType, 'buildFromTemplate'>,
  shell: Pick<Shell, 'openExternal'>,
): MenuType {
  return Menu.buildFromTemplate(menuTemplate(shell));
}
