import { ScreenLayout } from '../components/ScreenLayout';

export function ScheduledTaskScreen() {
  return (
    <ScreenLayout
      title="Scheduled task"
      intro="Here you will register the scheduled task that runs under the account; this screen arrives with the scheduled-task feature issue."
    />
  );
}
