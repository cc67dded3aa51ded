// npm run lab / npm start: practice mode. The wizard's window on the lab (the loopback lab host) arrives with the app
// shell; until then this points to what works today: the lab console, on a simulated domain.
console.log(
  [
    'MSA Wizard practice mode: the wizard screens arrive with the app shell.',
    'The simulated domain works today, in the lab console:',
    '  npx msa-wizard lab new --lab-dir .lab --scenario healthy',
    "  npx msa-wizard lab exec --lab-dir .lab -- 'Get-ADDomain; Get-KdsRootKey'",
    '  npx msa-wizard lab scenarios',
  ].join('\n'),
);
