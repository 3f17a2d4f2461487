/**
 * npm test: the type check, lint and every vitest project, overlapped instead of one after the
 * other (serially they added ~35 s of wall clock before the first test started).
 *
 * Vitest starts at once. The type check and lint start when vitest's solo files do (the files
 * whose checks are about timing run one at a time after the others, vite.config.ts; the reporter
 * tests/solo-signal.ts says when), or when vitest ends if no solo file runs: the files before run
 * two at a time and keep both cores busy (beside them the type check and lint, about 65 s of CPU,
 * lengthened that part by as much), while a solo file mostly waits on real-time playback and page
 * loads and leaves a core idle. They run at a lower CPU priority (nice), so the solo files keep
 * the CPU they need. Their output is printed whole when each ends, so it never interleaves with
 * vitest's. Arguments go to vitest (`npm test -- --project unit`). Exit status: the first failing
 * step's, else 0.
 *
 * The unit files (plain Node: parsers, checks, the aligner and import commands) run in a vitest of
 * their own, started with the type check and lint and niced like them, instead of taking a
 * worker's turn among the browser files: there they held one of the two workers for about 100 s
 * while the solo files later left most of a core unused. With arguments, vitest runs what they
 * say and nothing moves.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { platform, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = platform() === 'win32' ? 'npm.cmd' : 'npm';

interface Step {
  readonly name: string;
  readonly command: readonly string[];
  /** Run at a lower priority and print the output when done (not streamed). */
  readonly background: boolean;
}

const vitest = (args: readonly string[]): readonly string[] => [
  npm,
  'exec',
  '--',
  'vitest',
  'run',
  ...args,
];
const requested = process.argv.slice(2);
/** Every project but `unit`, which runs beside the solo files (above). */
const FOREGROUND_PROJECTS = ['unit-solo', 'dom', 'dom-solo', 'browser', 'browser-solo'];

const steps: readonly Step[] = [
  { name: 'typecheck', command: [npm, 'run', '--silent', 'typecheck'], background: true },
  { name: 'lint', command: [npm, 'run', '--silent', 'lint'], background: true },
  ...(requested.length > 0
    ? [{ name: 'vitest', command: vitest(requested), background: false }]
    : [
        { name: 'vitest (unit)', command: vitest(['--project', 'unit']), background: true },
        {
          name: 'vitest',
          command: vitest(FOREGROUND_PROJECTS.flatMap((name) => ['--project', name])),
          background: false,
        },
      ]),
];

/** `nice` where the platform has it: the background steps yield the CPU to the tests. */
function prioritised(step: Step): readonly string[] {
  return step.background && platform() !== 'win32'
    ? ['nice', '-n', '10', ...step.command]
    : step.command;
}

function run(step: Step, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  const [program, ...args] = prioritised(step);
  const child = spawn(program!, args, {
    cwd: projectRoot,
    env,
    stdio: step.background ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  const output: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`[test] ${step.name} could not start: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      if (text) console.log(`\n[test] ${step.name}:\n${text}`);
      console.log(`[test] ${step.name} ${status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
      resolve(status);
    });
  });
}

/** Resolves once `file` exists or `done` has settled, whichever comes first (polled). */
function whenCreated(file: string, done: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!existsSync(file)) return;
      clearInterval(timer);
      resolve();
    }, 250);
    void done.finally(() => {
      clearInterval(timer);
      resolve();
    });
  });
}

const signalDir = mkdtempSync(path.join(tmpdir(), 'red-box-test-'));
const signal = path.join(signalDir, 'solo-started');
const running = new Map<Step, Promise<number>>();
for (const step of steps) {
  if (!step.background)
    running.set(step, run(step, { ...process.env, RED_BOX_SOLO_SIGNAL: signal }));
}
await whenCreated(signal, Promise.all(running.values()));
for (const step of steps) if (step.background) running.set(step, run(step));
const statuses = await Promise.all(steps.map((step) => running.get(step)!));
rmSync(signalDir, { recursive: true, force: true });
const failed = steps.filter((_, index) => statuses[index] !== 0).map((step) => step.name);
if (failed.length) console.error(`[test] failed: ${failed.join(', ')}`);
process.exitCode = statuses.find((status) => status !== 0) ?? 0;
