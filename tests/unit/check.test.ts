import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = 'tests/fixtures/check';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: string[];
}

/**
 * Run `tsx scripts/check.ts …args` (what `npm run check` and `npx tsx` run) from `cwd`, the project
 * root by default. The project's own tsx binary, so that a run from outside the project never
 * makes npx look for tsx elsewhere.
 */
function check(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'scripts/check.ts'), ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, lines: stdout.trimEnd().split('\n') });
      },
    );
  });
}

/** The `file:line:col  severity  rule` part of each finding line. */
const heads = (run: Run) =>
  run.lines.slice(0, -1).map((line) => line.split('  ').slice(0, 3).join('  '));

describe.concurrent('npm run check', { timeout: 60_000 }, () => {
  it('prints nothing but the summary and exits 0 for a clean episode folder', async () => {
    const run = await check([`${FIXTURES}/episodes/clean-episode`]);
    expect(run.stdout).toBe('0 errors, 0 warnings in 5 files\n');
    expect(run.code).toBe(0);
  });

  it('prints one line per warning and exits 0 when there are only warnings', async () => {
    const run = await check([`${FIXTURES}/episodes/warning-episode`]);
    const file = `${FIXTURES}/episodes/warning-episode`;
    expect(heads(run)).toEqual([
      `${file}/transcript.en.vtt:4:18  warning  duration`,
      `${file}/transcript.en.vtt:4:18  warning  gap`,
      `${file}/transcript.en.vtt:9:50  warning  line-length`,
      `${file}/transcript.en.vtt:12:1  warning  cue-overlap`,
      `${file}/transcript.en.vtt:12:18  warning  gap`,
      `${file}/transcript.en.vtt:17:1  warning  reading-speed`,
      `${file}/transcript.en.vtt:19:1  warning  line-count`,
      `${file}/transcript.en.vtt:22:18  warning  duration`,
      `${file}/transcript.en.vtt:27:1  warning  reading-speed`,
      `${file}/transcript.ko.vtt:13:4  warning  speaker-changed`,
      `${file}/transcript.ko.vtt:16:1  warning  untranslated`,
      `${file}/transcript.ko.vtt:23:18  warning  timing-drift`,
    ]);
    expect(run.lines[0]).toMatch(/ {2}This cue is on screen for 0\.5 s, less than the minimum/);
    expect(run.lines.at(-1)).toBe('0 errors, 12 warnings in 4 files');
    expect(run.code).toBe(0);
  });

  it('prints errors at their positions and exits 1 for a broken episode', async () => {
    const run = await check([`${FIXTURES}/broken/broken-episode`]);
    const file = `${FIXTURES}/broken/broken-episode`;
    expect(heads(run)).toEqual([
      `${file}/chapters.en.vtt:8:1  error  chapter-overlap`,
      `${file}/episode.json:8:44  error  schema`,
      `${file}/episode.json:13:84  error  unreadable-file`,
      `${file}/transcript.en.vtt:5:27  error  raw-less-than`,
      `${file}/transcript.en.vtt:9:4  error  unknown-speaker`,
      `${file}/transcript.ko.vtt:7:1  error  missing-translation`,
      `${file}/transcript.ko.vtt:11:1  error  extra-translation`,
    ]);
    expect(run.lines[1]).toContain('speakers[0].color: "red" is not a colour as #rrggbb');
    expect(run.lines.at(-1)).toBe('7 errors, 0 warnings in 4 files');
    expect(run.code).toBe(1);
  });

  it('checks every episode folder of an episodes folder', async () => {
    const run = await check([`${FIXTURES}/episodes`]);
    expect(run.lines.at(-1)).toBe('0 errors, 12 warnings in 9 files');
    expect(run.code).toBe(0);
  });

  it('checks a cue file of an episode in its episode context, printing only its findings', async () => {
    const run = await check([`${FIXTURES}/broken/broken-episode/transcript.ko.vtt`]);
    expect(heads(run)).toEqual([
      `${FIXTURES}/broken/broken-episode/transcript.ko.vtt:7:1  error  missing-translation`,
      `${FIXTURES}/broken/broken-episode/transcript.ko.vtt:11:1  error  extra-translation`,
    ]);
    expect(run.lines.at(-1)).toBe('2 errors, 0 warnings in 1 file');
    expect(run.stderr).toContain('episode.json has 2 errors');
    expect(run.code).toBe(1);
  });

  it('checks a lone cue file with the profile of its .<lang>.vtt suffix', async () => {
    const run = await check([`${FIXTURES}/lone/transcript.en.vtt`]);
    expect(heads(run)).toEqual([
      `${FIXTURES}/lone/transcript.en.vtt:5:1  error  missing-speaker`,
      `${FIXTURES}/lone/transcript.en.vtt:5:6  error  raw-ampersand`,
      `${FIXTURES}/lone/transcript.en.vtt:9:50  warning  line-length`,
    ]);
    expect(run.lines.at(-1)).toBe('2 errors, 1 warning in 1 file');
    expect(run.code).toBe(1);
  });

  it('prints file paths relative to the current directory', async () => {
    const run = await check(
      ['broken-episode/transcript.en.vtt'],
      path.join(ROOT, FIXTURES, 'broken'),
    );
    expect(heads(run)[0]).toBe('broken-episode/transcript.en.vtt:5:27  error  raw-less-than');
  });

  it('checks an episode folder outside the project', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'red-box-check-'));
    try {
      const folder = path.join(outside, 'clean-episode');
      await cp(path.join(ROOT, FIXTURES, 'episodes/clean-episode'), folder, { recursive: true });
      const run = await check(['clean-episode'], outside);
      expect(run.stdout).toBe('0 errors, 0 warnings in 5 files\n');
      expect(run.code).toBe(0);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('shows only errors with --quiet', async () => {
    const run = await check([`${FIXTURES}/lone/transcript.en.vtt`, '--quiet']);
    expect(heads(run).map((line) => line.split('  ')[2])).toEqual([
      'missing-speaker',
      'raw-ampersand',
    ]);
    expect(run.code).toBe(1);
  });

  it('prints JSON with --format json', async () => {
    const run = await check([`${FIXTURES}/lone/transcript.en.vtt`, '--format', 'json']);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({ errors: 2, warnings: 1, files: 1 });
    expect(output.findings[1]).toMatchObject({
      file: `${FIXTURES}/lone/transcript.en.vtt`,
      line: 5,
      col: 6,
      severity: 'error',
      rule: 'raw-ampersand',
    });
    expect(run.code).toBe(1);
  });

  it('exits 2 with a clear message for a path that does not exist', async () => {
    const run = await check([`${FIXTURES}/no-such-episode`]);
    expect(run.stderr).toContain(`no such file or directory: ${FIXTURES}/no-such-episode`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('exits 2 for a folder with no episode in it and for an unknown option', async () => {
    const empty = await check([`${FIXTURES}/lone`]);
    expect(empty.stderr).toContain('holds no episode.json');
    expect(empty.code).toBe(2);
    const option = await check(['--colour']);
    expect(option.stderr).toContain('Unknown option --colour');
    expect(option.code).toBe(2);
  });
});
