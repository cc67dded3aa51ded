// One long-lived PowerShell process per app run, driven through node-powershell. Protocol: README.md beside this
// file. This module only moves requests and answers; what a script means lives with the step or check that builds it.
import type { ChildProcess } from 'node:child_process';
import { PowerShell } from 'node-powershell';
import {
  BOOTSTRAP_TEXT,
  HELLO_SCRIPT,
  bootstrapLine,
  parseEnvelope,
  requestLine,
  EnvelopeError,
  type Envelope,
} from './envelope.js';
import { childEnvironment, resolvePowerShell, type PowerShellExecutable } from './executable.js';
import { killTree, killTreeWindows, startTimeOf, whenGone } from './process-tree.js';
import { PsScript } from './script.js';
import { PsCommandError, SessionError } from './session-errors.js';

export { PsCommandError, SessionError } from './session-errors.js';

export interface SessionOptions {
  /** Defaults to resolvePowerShell(): Windows PowerShell 5.1 on Windows, pwsh elsewhere. */
  readonly executable?: PowerShellExecutable;
  /** Extra environment variables for the child (practice mode pins PSModulePath here). */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs after the bootstrap on every (re)start, e.g. importing the lab modules. */
  readonly preamble?: PsScript;
  /** Per-request default; each call may override. */
  readonly defaultTimeoutMs?: number;
  readonly startupTimeoutMs?: number;
  readonly onEvent?: (event: SessionEvent) => void;
}

export type SessionEvent =
  | { readonly type: 'started'; readonly pid: number; readonly version: string; readonly ms: number }
  | { readonly type: 'request'; readonly id: string; readonly ms: number; readonly ok: boolean }
  | { readonly type: 'restart'; readonly reason: SessionError['kind']; readonly pid: number };

export interface InvokeOptions {
  readonly timeoutMs?: number;
  /**
   * Called with each Write-MsaProgress record (bootstrap.ps1) while the request runs, before its envelope: the
   * script's own progress (discovery: each host as it answers). A throwing listener is ignored.
   */
  readonly onProgress?: (data: unknown) => void;
}

/** A Write-MsaProgress line: <<MSA-PROGRESS <request id> <base64 UTF-8 JSON>>>. */
const PROGRESS_LINE = /<<MSA-PROGRESS ([A-Za-z0-9-]{1,64}) ([A-Za-z0-9+/=]*)>>/g;

/** Hands every complete progress line of request `id` in a stdout stream to `onProgress`, as it arrives. */
function progressReader(id: string, onProgress: (data: unknown) => void): (chunk: string | Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += String(chunk);
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    const complete = pending.slice(0, end);
    pending = pending.slice(end + 1);
    for (const match of complete.matchAll(PROGRESS_LINE)) {
      if (match[1] !== id) continue;
      try {
        onProgress(JSON.parse(Buffer.from(match[2] ?? '', 'base64').toString('utf8')));
      } catch {
        // A listener's failure (or a torn line) must not break the request: progress is only news.
      }
    }
  };
}

export interface EngineInfo {
  readonly pid: number;
  readonly version: string;
  readonly edition: string;
}

/** node-powershell keeps the child and its exit promise private; the session needs both to kill and to notice death. */
interface ShellInternals {
  readonly process: ChildProcess;
  readonly exitPromise: Promise<void>;
}

/** One live PowerShell process. Dies as a whole: after a timeout or crash it is killed and never reused. */
class Engine {
  private dead = false;
  /** The engine itself ($PID, from hello) and when it started: kill() finds it by these once the launcher is gone. */
  private engine: { readonly pid: number; readonly started: string } | undefined;
  /** Every process kill() has signalled: each kill() waits until all of them are gone. */
  private readonly signalled = new Set<number>();
  readonly exited: Promise<SessionError>;

  private constructor(
    private readonly shell: PowerShell,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      const onGone = (detail: string): void => {
        this.dead = true;
        // The launcher may be gone while the engine it started runs on, in the middle of a script: kill it now,
        // before the request reports the failure, not whenever the next request comes.
        void this.kill();
        resolve(new SessionError('ProcessExited', `PowerShell exited ${detail}`));
      };
      child.once('exit', (code, signal) => onGone(signal !== null ? `(signal ${signal})` : `(code ${code ?? '?'})`));
      child.once('error', (err) => onGone(`(${err.message})`));
    });
  }

  static create(exe: PowerShellExecutable, env: NodeJS.ProcessEnv): Engine {
    // node-powershell reads NODE_POWERSHELL from process.env itself, over any option we pass.
    delete process.env.NODE_POWERSHELL;
    const shell = new PowerShell({
      executable: exe.path,
      executableOptions: { ...exe.flags },
      spawnOptions: { env, windowsHide: true },
      throwOnInvocationError: false,
    });
    const internals = shell as unknown as ShellInternals;
    internals.exitPromise.catch(() => undefined); // it rejects on any non-zero exit; we report exits ourselves
    return new Engine(shell, internals.process);
  }

  get isDead(): boolean {
    return this.dead;
  }

  /**
   * Sends one line and resolves with its raw stdout, or rejects with a SessionError. `onChunk` sees stdout as it
   * arrives (node-powershell hands it over only once the command is done).
   */
  async send(line: string, timeoutMs: number, onChunk?: (chunk: string | Buffer) => void): Promise<string> {
    if (this.dead) throw new SessionError('ProcessExited', 'PowerShell is not running');
    if (onChunk !== undefined) this.child.stdout?.on('data', onChunk);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SessionError('Timeout', `PowerShell did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const died = this.exited.then((err) => Promise.reject(err));
    const answered = this.shell.invoke(line).then((result) => {
      if (this.dead) throw new SessionError('ProcessExited', 'PowerShell exited during the request');
      const stderr = String(result.stderr ?? '').trim();
      return String(result.stdout ?? '') + (stderr === '' ? '' : `\n${stderr}`);
    });
    try {
      return await Promise.race([answered, timedOut, died]);
    } finally {
      if (onChunk !== undefined) this.child.stdout?.off('data', onChunk);
      clearTimeout(timer);
      answered.catch(() => undefined);
      died.catch(() => undefined);
      // node-powershell keeps every command string forever; scripts can be large, so don't let it.
      this.shell.history.splice(0);
    }
  }

  /** Remembers the engine's pid ($PID may differ from the child's: the launcher's child) and its start time. */
  identify(pid: number): void {
    // Windows runs powershell.exe itself (no launcher: the child is the engine), and has no `ps` to ask.
    if (process.platform === 'win32') return;
    const started = startTimeOf(pid);
    if (started !== undefined) this.engine = { pid, started };
  }

  /**
   * Kills every process of this session whatever state it is in: the child we spawned (the launcher, or the engine
   * itself) while it runs, the engine while it is still the one that said hello, and every process below them.
   * Resolves when all of them are gone (at most ~10 s). Safe to call again: only what still runs is signalled.
   */
  async kill(): Promise<void> {
    this.dead = true;
    const roots: number[] = [];
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) roots.push(pid);
    if (this.engine !== undefined && startTimeOf(this.engine.pid) === this.engine.started) roots.push(this.engine.pid);
    if (process.platform === 'win32') {
      await killTreeWindows(roots);
      return;
    }
    for (const victim of killTree(roots)) this.signalled.add(victim);
    await whenGone([...this.signalled]);
  }
}

let sessionCounter = 0;

/**
 * A serialized, self-healing PowerShell session. Requests run one at a time in arrival order; a request that
 * times out or whose process dies fails with a SessionError, and the next request starts a fresh process.
 */
export class PowerShellSession {
  private readonly exe: PowerShellExecutable;
  private readonly env: NodeJS.ProcessEnv;
  private readonly defaultTimeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly tag = `s${++sessionCounter}`;
  private engine: Engine | undefined;
  private engineInfo: EngineInfo | undefined;
  private starting: Promise<Engine> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private requestCounter = 0;
  private disposed = false;
  private startCount = 0;

  constructor(private readonly options: SessionOptions = {}) {
    this.exe = options.executable ?? resolvePowerShell();
    this.env = childEnvironment(process.env, options.env);
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 60_000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 30_000;
  }

  /** Starts the process in the background. Never throws: a failed start is reported to the first request. */
  warm(): void {
    this.ensureEngine().catch(() => undefined);
  }

  /** Runs a script and resolves with its envelope, failed or not. Rejects only with SessionError. */
  invoke(script: PsScript, options: InvokeOptions = {}): Promise<Envelope> {
    if (!(script instanceof PsScript)) throw new TypeError('invoke takes a PsScript made by the script builder');
    const run = async (): Promise<Envelope> => {
      if (this.disposed) throw new SessionError('Disposed', 'the PowerShell session was closed');
      const engine = await this.ensureEngine();
      return this.request(engine, script, options.timeoutMs ?? this.defaultTimeoutMs, options.onProgress);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs a script and returns its output data; a failed envelope becomes a PsCommandError. */
  async run(script: PsScript, options: InvokeOptions = {}): Promise<unknown[]> {
    const envelope = await this.invoke(script, options);
    if (!envelope.ok) throw new PsCommandError(envelope);
    return envelope.data;
  }

  /** pid and version of the running process, if one is running. */
  get info(): EngineInfo | undefined {
    return this.engine !== undefined && !this.engine.isDead ? this.engineInfo : undefined;
  }

  /** How many processes this session has started (1 + restarts). */
  get starts(): number {
    return this.startCount;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const engine = this.engine ?? (await this.starting?.catch(() => undefined));
    await engine?.kill();
    this.engine = undefined;
  }

  private ensureEngine(): Promise<Engine> {
    if (this.engine !== undefined && !this.engine.isDead) return Promise.resolve(this.engine);
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<Engine> {
    const began = Date.now();
    this.startCount += 1;
    const engine = Engine.create(this.exe, this.env);
    try {
      await engine.send(bootstrapLine(BOOTSTRAP_TEXT), this.startupTimeoutMs);
      const hello = await this.request(engine, HELLO_SCRIPT, this.startupTimeoutMs);
      const first = hello.data[0] as Partial<EngineInfo> | undefined;
      if (!hello.ok || typeof first?.pid !== 'number') {
        throw new SessionError('StartFailed', `PowerShell started but did not answer: ${JSON.stringify(hello.errors)}`);
      }
      this.engineInfo = { pid: first.pid, version: String(first.version), edition: String(first.edition) };
      engine.identify(first.pid);
      if (this.options.preamble !== undefined) {
        const pre = await this.request(engine, this.options.preamble, this.startupTimeoutMs);
        if (!pre.ok) throw new PsCommandError(pre);
      }
    } catch (err) {
      await engine.kill();
      if (err instanceof SessionError && err.kind !== 'StartFailed') {
        throw new SessionError('StartFailed', `PowerShell could not start (${this.exe.path}): ${err.message}`);
      }
      throw err instanceof PsCommandError
        ? new SessionError('StartFailed', `the session preamble failed: ${err.message}`)
        : err;
    }
    if (this.disposed) {
      await engine.kill();
      throw new SessionError('Disposed', 'the PowerShell session was closed');
    }
    this.engine = engine;
    this.options.onEvent?.({
      type: 'started',
      pid: this.engineInfo.pid,
      version: this.engineInfo.version,
      ms: Date.now() - began,
    });
    return engine;
  }

  private async request(
    engine: Engine,
    script: PsScript,
    timeoutMs: number,
    onProgress?: (data: unknown) => void,
  ): Promise<Envelope> {
    const id = `${this.tag}-${++this.requestCounter}`;
    const began = Date.now();
    try {
      const reader = onProgress === undefined ? undefined : progressReader(id, onProgress);
      const raw = await engine.send(requestLine(id, script), timeoutMs, reader);
      const { envelope } = parseEnvelope(raw, id);
      this.options.onEvent?.({ type: 'request', id, ms: Date.now() - began, ok: envelope.ok });
      return envelope;
    } catch (err) {
      // Whatever went wrong, this process's state is unknown now: never reuse it, and report the failure only once
      // nothing of it runs any more (an engine left running could still change the directory).
      await engine.kill();
      const error =
        err instanceof SessionError
          ? err
          : err instanceof EnvelopeError
            ? new SessionError('ProtocolError', `${err.message}: ${err.raw.slice(0, 500)}`)
            : new SessionError('ProcessExited', err instanceof Error ? err.message : String(err));
      this.options.onEvent?.({ type: 'restart', reason: error.kind, pid: this.engineInfo?.pid ?? -1 });
      throw error;
    }
  }
}
