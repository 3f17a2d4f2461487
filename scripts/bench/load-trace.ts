/**
 * What the long tasks of a first load are made of (issue 19): loads the built watch and embed
 * pages under the load bench's phone profile with a Chromium performance trace, and prints every
 * main-thread task of 50 ms and more with its parts (parsing, style, layout, paint, scripts) and
 * the JavaScript functions that took the most of it (from the trace's CPU profile samples).
 *
 * `npx tsx scripts/bench/load-trace.ts [dist-dir]` (builds the app when no dist is given).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, startPreviewServer } from '../../tests/browser/support/servers.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { EPISODE_ID } from './bench-context.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

const distDir = process.argv[2] ?? (await buildApp());
const server = await startPreviewServer(distDir);
const browser = await launchChromium({
  extraArgs: ['--enable-blink-features=LongAnimationFrameTiming'],
});
const runs = Number(process.env.RUNS ?? 1);

for (const name of ['watch', 'embed']) {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage();
    await page.addInitScript({
      content: `window.__frames = []; new PerformanceObserver((list) => window.__frames.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });`,
    });
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 1_600_000 / 8,
      uploadThroughput: 750_000 / 8,
    });
    await page.setViewportSize({ width: 412, height: 823 });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (event) =>
      events.push(...(event.value as unknown as TraceEvent[])),
    );
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    const tracing = !process.env.NO_TRACE;
    if (tracing)
      await cdp.send('Tracing.start', {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'disabled-by-default-devtools.timeline.frame',
          'v8.execute',
          'blink.user_timing',
          ...(process.env.NO_SAMPLES ? [] : ['disabled-by-default-v8.cpu_profiler']),
          'loading',
        ].join(','),
        transferMode: 'ReportEvents',
      });
    await page.goto(`${server.url}/${name}/${EPISODE_ID}`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForSelector('[data-cue-id]', { timeout: 60_000 });
    await page.waitForTimeout(3000);
    const frames = await page.evaluate(() =>
      (window as unknown as { __frames: PerformanceEntry[] }).__frames.map((frame) => {
        const f = frame as PerformanceEntry & {
          renderStart: number;
          styleAndLayoutStart: number;
          scripts: {
            invoker: string;
            duration: number;
            sourceURL: string;
            forcedStyleAndLayoutDuration: number;
          }[];
        };
        return {
          start: Math.round(f.startTime),
          duration: Math.round(f.duration),
          render: Math.round(f.renderStart ? f.startTime + f.duration - f.renderStart : 0),
          styleLayout: Math.round(
            f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0,
          ),
          scripts: f.scripts.map(
            (s) =>
              `${s.invoker.slice(0, 60)} ${Math.round(s.duration)} (forced ${Math.round(s.forcedStyleAndLayoutDuration)})`,
          ),
        };
      }),
    );
    console.log(`\n${name} long animation frames:`);
    for (const frame of frames) console.log('  ' + JSON.stringify(frame));
    if (!tracing) {
      await page.close();
      continue;
    }
    await cdp.send('Tracing.end');
    await done;
    const file = path.join(tmpdir(), `load-trace-${name}-${run}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    summarize(name, events);
    console.log(`  (trace: ${file})`);
    await page.close();
  }
}
await browser.close();
await server.close();

function summarize(name: string, events: TraceEvent[]): void {
  // The renderer's main thread: the thread of the first ParseHTML of the page.
  const parse = events.find((event) => event.name === 'ParseHTML');
  if (!parse) throw new Error('no ParseHTML in the trace');
  const { pid, tid } = parse;
  const main = events.filter((event) => event.pid === pid && event.tid === tid);
  const navigation = main.find((event) => event.name === 'navigationStart') ?? parse;
  const t0 = navigation.ts;
  const tasks = main.filter((event) => event.name === 'RunTask' && (event.dur ?? 0) >= 50_000 * 1);
  console.log(`\n${name}: ${tasks.length} tasks of 50 ms and more (times from navigation start)`);
  const profile = cpuSamples(events, pid);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = main.filter(
      (event) => event !== task && event.ts >= task.ts && event.ts < end && event.ph === 'X',
    );
    const sums = new Map<string, number>();
    for (const event of inside) {
      let label = event.name;
      if (
        event.name === 'FunctionCall' ||
        event.name === 'EvaluateScript' ||
        event.name === 'v8.compile'
      ) {
        const data = event.args?.data as { url?: string; functionName?: string } | undefined;
        label += ` ${path.basename(data?.url ?? '')}${data?.functionName ? ':' + data.functionName : ''}`;
      }
      sums.set(label, (sums.get(label) ?? 0) + (event.dur ?? 0));
    }
    const parts = [...sums]
      .filter(([, dur]) => dur >= 5_000)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([label, dur]) => `${label} ${(dur / 1000).toFixed(0)}`)
      .join('; ');
    console.log(
      `  at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(0)} ms — ${parts}`,
    );
    const functions = profile.selfTimes(task.ts, end);
    if (functions.length) console.log(`    JS self time: ${functions.join('; ')}`);
  }
}

/** Self time per function from the trace's CPU profile chunks, within a window. */
function cpuSamples(events: TraceEvent[], pid: number) {
  const nodes = new Map<number, { name: string; url: string; line: number }>();
  const parents = new Map<number, number>();
  const samples: { ts: number; node: number }[] = [];
  let ts = 0;
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.name === 'Profile') ts = (event.args?.data as { startTime: number }).startTime;
    if (event.name !== 'ProfileChunk') continue;
    const data = event.args?.data as {
      cpuProfile?: {
        nodes?: {
          id: number;
          parent?: number;
          callFrame: { functionName: string; url: string; lineNumber: number };
        }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
    for (const node of data.cpuProfile?.nodes ?? []) {
      if (node.parent !== undefined) parents.set(node.id, node.parent);
      nodes.set(node.id, {
        name: node.callFrame.functionName || '(anonymous)',
        url: path.basename(node.callFrame.url ?? ''),
        line: node.callFrame.lineNumber,
      });
    }
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ ts, node: id });
    });
  }
  return {
    selfTimes(from: number, to: number): string[] {
      const sums = new Map<string, number>();
      const inclusive = process.env.TOTAL !== undefined;
      for (let i = 0; i < samples.length - 1; i++) {
        const sample = samples[i]!;
        if (sample.ts < from || sample.ts >= to) continue;
        const keys = new Set<string>();
        for (
          let id: number | undefined = sample.node;
          id !== undefined;
          id = inclusive ? parents.get(id) : undefined
        ) {
          const node = nodes.get(id);
          if (
            !node ||
            node.name === '(idle)' ||
            node.name === '(program)' ||
            node.name === '(root)'
          )
            continue;
          if (
            inclusive &&
            !/^[A-Z]/.test(node.name) &&
            !/^use|parse|build|walk|forEach/.test(node.name)
          )
            continue;
          keys.add(`${node.name} ${node.url}:${node.line}`);
        }
        for (const key of keys)
          sums.set(key, (sums.get(key) ?? 0) + (samples[i + 1]!.ts - sample.ts));
      }
      return [...sums]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.TOP ?? 12))
        .filter(([, dur]) => dur >= 3_000)
        .map(([key, dur]) => `${key} ${(dur / 1000).toFixed(0)}`);
    },
  };
}
