#!/usr/bin/env node
// msa-wizard: runs the TypeScript CLI from source in a checkout (through tsx), or the compiled one in a package.
import { existsSync } from 'node:fs';

process.env.MSA_WIZARD_CLI = '1';
const source = new URL('../electron/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/electron/cli/main.js', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(compiled.href);
}
