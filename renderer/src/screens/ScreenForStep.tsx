// The screen for each step. The setup screens (Account, Install & test, Use the account, Summary), Find what runs as
// users and Audit managed accounts are loaded in their own chunks, so they do not delay first paint: prefetched right after it, shown with
// their heading while they load.
import { lazy, Suspense, type ComponentType } from 'react';
import { ScreenLayout } from '../components/ScreenLayout';
import { stepById, type StepId } from '../store/steps';
import { PrerequisitesScreen } from './PrerequisitesScreen';

const loadAccount = () => import('./AccountScreen');
const loadInstall = () => import('./InstallTestScreen');
const loadTask = () => import('./UseAccountScreen');
const loadSummary = () => import('./SummaryScreen');
const loadDiscover = () => import('./DiscoverScreen');
const loadAudit = () => import('./AuditScreen');

const SCREENS: Record<StepId, ComponentType> = {
  prerequisites: PrerequisitesScreen,
  account: lazy(() => loadAccount().then((m) => ({ default: m.AccountScreen }))),
  install: lazy(() => loadInstall().then((m) => ({ default: m.InstallTestScreen }))),
  task: lazy(() => loadTask().then((m) => ({ default: m.UseAccountScreen }))),
  summary: lazy(() => loadSummary().then((m) => ({ default: m.SummaryScreen }))),
  discover: lazy(() => loadDiscover().then((m) => ({ default: m.DiscoverScreen }))),
  audit: lazy(() => loadAudit().then((m) => ({ default: m.AuditScreen }))),
};

/** Starts loading the lazy screens (after first paint), so opening one is instant. */
export function prefetchScreens(): void {
  setTimeout(() => {
    void loadAccount().catch(() => undefined);
    void loadInstall().catch(() => undefined);
    void loadTask().catch(() => undefined);
    void loadSummary().catch(() => undefined);
    void loadDiscover().catch(() => undefined);
    void loadAudit().catch(() => undefined);
  }, 0);
}

export function ScreenForStep({ step }: { step: StepId }) {
  const Screen = SCREENS[step];
  return (
    <Suspense fallback={<ScreenLayout title={stepById(step).title} intro="Loading…" />}>
      <Screen />
    </Suspense>
  );
}
