// npm run lab (and npm start): practice mode in the browser. Opens the lab in the lab folder (default: .lab/practice)
// or makes one (default scenario: healthy); another --scenario, or --reset, makes a fresh lab and keeps the old folder
// beside it (electron/labhost/practice-lab.ts decides and says which). Then builds the renderer if its build is missing or older than its sources, starts the
// loopback lab host and prints the URL to open. Ctrl+C stops it. While it runs, `msa-wizard lab exec --lab-dir DIR`
// runs in its warm console process (electron/labhost/console.ts) instead of starting PowerShell each time.
//   npm run lab -- --scenario fresh-domain --lab-dir .lab/fresh --port 5174
//   npm run lab -- --reset                  (a fresh lab of the same scenario)
//   (--renderer-dir DIR serves an already built renderer, as the e2e tests do)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, option } from '../electron/cli/args.js';
import { openPracticeLab } from '../electron/labhost/practice-lab.js';
import { startLabHost } from '../electron/labhost/server.js';

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((newest, entry) => {
    const full = path.join(dir, entry);
    const stat = statSync(full);
    return Math.max(newest, stat.isDirectory() ? newestMtime(full) : stat.mtimeMs);
  }, 0);
}

function ensureRendererBuilt(): string {
  const out = path.join('dist', 'renderer');
  const index = path.join(out, 'index.html');
  const sources = Math.max(
    newestMtime('renderer'),
    statSync(path.join('electron', 'common', 'api', 'contract.ts')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    console.log('building the renderer…');
    const vite = path.join('node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
    execFileSync(vite, ['build', '--config', path.join('renderer', 'vite.config.ts'), '--logLevel', 'warn'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  }
  return out;
}

try {
  const args = parseArgs(process.argv.slice(2), ['lab-dir', 'scenario', 'port', 'computer', 'renderer-dir'], ['reset']);
  const labDir = option(args, 'lab-dir') ?? path.join('.lab', 'practice');
  const { state, message } = openPracticeLab(labDir, {
    scenario: option(args, 'scenario'),
    reset: args.options.has('reset'),
  });
  console.log(message);
  const rendererDir = option(args, 'renderer-dir') ?? ensureRendererBuilt();
  const computer = option(args, 'computer');
  const host = await startLabHost({
    labDir,
    rendererDir,
    port: Number(option(args, 'port') ?? 0),
    console: true,
    ...(computer === undefined ? {} : { computer }),
  });
  console.log(`MSA Wizard practice mode — lab '${state.scenario}' in ${path.resolve(labDir)}`);
  console.log(`Open: ${host.url}`);
  console.log('(loopback only; the token in the link is required. Ctrl+C to stop.)');
  console.log(`Console: msa-wizard lab exec --lab-dir ${labDir} -- '<powershell>' runs here, warm`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`msa-wizard lab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
