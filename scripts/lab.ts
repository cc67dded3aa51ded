// npm run lab / npm start: practice mode on a simulated domain, served to a browser through the loopback lab host.
// The lab domain and the lab host arrive with their issues; until then this says so instead of pretending.
console.log(
  [
    'MSA Wizard practice mode is not available yet.',
    'What exists today: the PowerShell session core (electron/common/powershell) and its tests: npm test.',
    'Coming next: the lab domain (simulated Active Directory) and the app shell with its loopback lab host.',
  ].join('\n'),
);
