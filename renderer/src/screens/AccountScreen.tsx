import { ScreenLayout } from '../components/ScreenLayout';

export function AccountScreen() {
  return (
    <ScreenLayout
      title="Account"
      intro="Here you will choose the kind of managed service account (standalone or group), its name and the computers allowed to use it; this screen arrives with the account feature issue."
    />
  );
}
