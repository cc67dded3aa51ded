import { ScreenLayout } from '../components/ScreenLayout';

export function InstallTestScreen() {
  return (
    <ScreenLayout
      title="Install & test"
      intro="Here the wizard will install the account on the computer that runs the service and test that it works there; this screen arrives with the install-and-test feature issue."
    />
  );
}
