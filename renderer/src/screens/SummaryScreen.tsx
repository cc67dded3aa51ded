import { ScreenLayout } from '../components/ScreenLayout';

export function SummaryScreen() {
  return (
    <ScreenLayout
      title="Summary"
      intro="Here you will review what the wizard did, with every script it ran; this screen arrives with the summary feature issue."
    />
  );
}
