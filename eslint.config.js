// Lint rules. Besides typescript-eslint's recommended set, two house rules are enforced here:
// - electron/common is the core: it never imports Electron, the main process or the renderer (VS Code's layering);
// - nothing builds PowerShell through node-powershell's template tags (they double-quote values, so $(...) runs).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.lab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TaggedTemplateExpression[tag.property.name=/^(\\$|\\$\\$|command)$/]',
          message:
            "node-powershell's template tags double-quote values (injectable). Use ps`` from the script builder.",
        },
      ],
    },
  },
  {
    files: ['electron/common/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'electron/common is the core: no Electron here.' },
            { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The core never imports the shell.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', '**/electron/**'],
              message: 'The renderer reaches the core only through the preload API.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer's imports from electron/: the API contract (types + zod schemas), the plan's and the workload kinds'
    // zod rules (so the forms reject bad input with the core's own messages) and the task steps' report types. All plain
    // zod or types: no Node, no Electron. Also powershell/regions: pure text work on a script (no imports at all), so
    // the PowerShell panel folds a step's `#region Helpers` exactly as the core's tests read it.
    files: ['renderer/src/api/contract.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer reaches the core only through the preload API.' },
            {
              regex:
                '(^|/)electron(/(?!common/api/contract$|common/plan/plan-schema$|common/workloads/scheduled-task/task-schema$|common/workloads/scheduled-task/task-types$|common/workloads/kinds$|common/workloads/lock$|common/workloads/[a-z-]+/settings$|common/discover/types$|common/audit/types$|common/adopt/old-account-checklist$|common/powershell/regions$|common/when$)|$)',
              message:
                "From electron/, the renderer imports the API contract, the plan rules and the workload kinds' settings (kinds.ts, <kind>/settings.ts, the task's schema and types, lock.ts), the discovery's and the audit's report types, the old account's checklist, the script regions (regions.ts) and the date formatter (when.ts) only (and only here).",
            },
          ],
        },
      ],
    },
  },
);
