// The wizard frame. Screens arrive with their feature issues; this is the skeleton they plug into.
import { useWizard, WIZARD_STEPS } from './store';

export function App() {
  const { current, goTo } = useWizard();
  return (
    <div className="frame">
      <nav className="steps" aria-label="Wizard steps">
        <ol>
          {WIZARD_STEPS.map((step) => (
            <li key={step} aria-current={step === current ? 'step' : undefined}>
              <button type="button" onClick={() => goTo(step)}>
                {step}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <main>
        <h1>{current}</h1>
        <p>This screen arrives with its feature issue.</p>
      </main>
    </div>
  );
}
