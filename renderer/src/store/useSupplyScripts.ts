// A screen supplies the PowerShell panel with its scripts (memoize `scripts`: a new object re-supplies them), and
// takes them back when it goes away.
import { useEffect } from 'react';
import { usePowerShell, type ScreenScripts } from './powershellStore';
import type { StepId } from './steps';

export function useSupplyScripts(step: StepId, scripts: ScreenScripts): void {
  useEffect(() => {
    usePowerShell.getState().supply(step, scripts);
  }, [step, scripts]);
  useEffect(() => () => usePowerShell.getState().supply(step, null), [step]);
}
