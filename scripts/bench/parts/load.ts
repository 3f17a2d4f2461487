/**
 * First load (issue 19): the watch page and the embed page of the built site, cold cache, under a
 * simulated mid-range phone (CPU 4× slower, 1.6 Mbps down, 150 ms round trip, a 412×823 viewport)
 * and an unthrottled desktop. Per load: LCP, CLS, the moment a transcript line can be clicked and
 * seeks (see load-probe.ts; the served page's lines count once they seek, and the moment the
 * app's own transcript is interactive is reported beside it), INP for clicking a line and for
 * typing in the transcript search
 * (Event Timing entries), bytes transferred (all and JavaScript) and requests made before the
 * transcript was interactive (from Chromium's network events, so media requests count too).
 */
import { loadavg } from 'node:os';
import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import {
  EPISODE_ID,
  newPage,
  readCueTimings,
  type BenchContext,
  type BenchPart,
} from '../bench-context.ts';
import {
  loadProbeScript,
  readInteractionLatency,
  readPageFigures,
  type ProbeState,
  type ProbeTarget,
} from '../load-probe.ts';
import { median } from '../stats.ts';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { projectRoot } from '../../../tests/browser/support/servers.ts';

interface Profile {
  readonly name: 'phone' | 'desktop';
  readonly cpuSlowdown: number;
  /** Bytes per second down and up and the added round trip (ms); null: no throttling. */
  readonly network: { down: number; up: number; latencyMs: number } | null;
  readonly screen: { width: number; height: number };
}

const PHONE: Profile = {
  name: 'phone',
  cpuSlowdown: 4,
  network: { down: 1_600_000 / 8, up: 750_000 / 8, latencyMs: 150 },
  screen: { width: 412, height: 823 },
};
const DESKTOP: Profile = {
  name: 'desktop',
  cpuSlowdown: 1,
  network: null,
  screen: { width: 1280, height: 800 },
};

interface LoadFigures {
  readonly lcpMs: number | null;
  readonly lcpElement: string;
  readonly cls: number;
  /** What moved in the CLS window (PageFigures). */
  readonly clsSources: string;
  /** During the load (until the page has been idle a second): see PageFigures. */
  readonly longestFrameMs: number;
  readonly blockingMs: number;
  readonly interactiveMs: number | null;
  /** The app's own transcript interactive (the served page's early script aside). */
  readonly appInteractiveMs: number | null;
  readonly clicksBeforeInteractive: number;
  /** null: every event of the interaction was under 16 ms (Event Timing's floor). */
  readonly clickInpMs: number | null;
  /** Whether the INP click marked its line (false: it missed, see oneLoad). */
  readonly clickMarked: boolean;
  readonly typingInpMs: number | null;
  readonly hasSearch: boolean;
  readonly transferBytes: number;
  readonly jsBytes: number;
  readonly transferBeforeInteractive: number;
  readonly requestsBeforeInteractive: number;
}

/** Chromium's view of the network for one page: every request, its type, its bytes. */
function trackNetwork(cdp: CDPSession) {
  const requests = new Map<
    string,
    { url: string; type: string; wallMs: number; received: number; finished: number }
  >();
  cdp.on('Network.requestWillBeSent', (event) => {
    requests.set(event.requestId, {
      url: event.request.url,
      type: event.type ?? 'Other',
      wallMs: event.wallTime * 1000,
      received: 0,
      finished: 0,
    });
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.received += event.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.finished = event.encodedDataLength;
  });
  const bytesOf = (request: { received: number; finished: number }) =>
    Math.max(request.received, request.finished);
  const isScript = (request: { url: string; type: string }) =>
    request.type === 'Script' || /\.m?js$/.test(new URL(request.url).pathname);
  return {
    figures(interactiveWallMs: number | null) {
      const all = [...requests.values()].filter((request) => !request.url.startsWith('data:'));
      const before = all.filter(
        (request) => interactiveWallMs !== null && request.wallMs <= interactiveWallMs,
      );
      const sum = (list: typeof all) => list.reduce((total, item) => total + bytesOf(item), 0);
      return {
        transferBytes: sum(all),
        jsBytes: sum(all.filter(isScript)),
        transferBeforeInteractive: sum(before),
        requestsBeforeInteractive: before.length,
      };
    },
  };
}

async function emulate(page: Page, cdp: CDPSession, profile: Profile): Promise<void> {
  await cdp.send('Network.enable');
  // A cold load: nothing of an earlier load may come from the cache.
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  if (profile.network) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.network.latencyMs,
      downloadThroughput: profile.network.down,
      uploadThroughput: profile.network.up,
    });
  }
  // Playwright owns the page's device metrics (an override through another CDP session does not
  // hold): the phone's width and height, at the context's scale of 1.
  await page.setViewportSize({ width: profile.screen.width, height: profile.screen.height });
}

/**
 * Until the element has kept its place for ten frames. Playwright clicks where the element was
 * when it looked; a transcript still scrolling (follow mode bringing the current line into view
 * on a slow page) would take the click to whatever has moved there.
 */
async function untilStill(element: Locator): Promise<void> {
  await element.evaluate(
    (node) =>
      new Promise<void>((resolve) => {
        let last = node.getBoundingClientRect().top;
        let still = 0;
        const check = () => {
          const top = node.getBoundingClientRect().top;
          still = top === last ? still + 1 : 0;
          last = top;
          if (still >= 10) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/** The longest event of the interactions `act` starts (null: all under 16 ms). */
async function interactionLatency(page: Page, act: () => Promise<void>): Promise<number | null> {
  const since = await page.evaluate(() => performance.now());
  await act();
  // Event Timing entries are queued after the next paint; give a throttled page time for it.
  await page.waitForTimeout(1500);
  return page.evaluate(readInteractionLatency, since);
}

async function oneLoad(
  browser: BrowserContext,
  url: string,
  profile: Profile,
  target: ProbeTarget,
  appTarget: ProbeTarget,
  clickTarget: string,
  screenshot: string | null,
): Promise<LoadFigures> {
  const page = await newPage(browser, loadProbeScript(target, appTarget));
  const cdp = await browser.newCDPSession(page);
  try {
    await emulate(page, cdp, profile);
    const network = trackNetwork(cdp);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () =>
        (window as unknown as { __redBoxLoad?: ProbeState }).__redBoxLoad?.appInteractive != null,
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    const probe = await page.evaluate(
      () => (window as unknown as { __redBoxLoad: ProbeState }).__redBoxLoad,
    );
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    if (screenshot) await page.screenshot({ path: screenshot });
    // LCP ends at the first input: let the page finish loading and painting before any.
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    const { lcpMs, lcpElement, cls, clsSources, longestFrameMs, blockingMs } =
      await page.evaluate(readPageFigures);

    const line = page.locator(`[data-cue-id="${clickTarget}"]`);
    await line.scrollIntoViewIfNeeded();
    await untilStill(line);
    const clickInpMs = await interactionLatency(page, () => line.click());
    // Reported, not thrown: on the phone profile the click has been seen to land on the panel
    // beside the line (its target the transcript section), which the report must show.
    const clickMarked = (await line.getAttribute('aria-current')) === 'true';

    const search = page.locator('input[type="search"]').first();
    const hasSearch = (await search.count()) > 0;
    let typingInpMs: number | null = null;
    if (hasSearch) {
      await search.click();
      typingInpMs = await interactionLatency(page, () =>
        page.keyboard.type('north korea', { delay: 120 }),
      );
    }
    return {
      lcpMs,
      lcpElement,
      cls,
      clsSources,
      longestFrameMs,
      blockingMs,
      interactiveMs: probe.interactive,
      appInteractiveMs: probe.appInteractive,
      clicksBeforeInteractive: probe.clicks,
      clickInpMs,
      clickMarked,
      typingInpMs,
      hasSearch,
      ...network.figures(probe.interactive === null ? null : timeOrigin + probe.interactive),
    };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);
/** Medians that treat "under Event Timing's 16 ms floor" (null) as 16 ms, an upper bound. */
const latencyMedian = (values: (number | null)[]) => median(values.map((value) => value ?? 16));

async function loadBenches(context: BenchContext): Promise<void> {
  const { browser, url: base, episodesDir } = await context.browserSite();
  const runs = context.quick ? 2 : 5;
  const cues = readCueTimings(path.join(episodesDir, EPISODE_ID));
  // A line a few cues in: never the cue that is current at 0 s, so a mark proves the click.
  const probeTarget = ({ id, startTime, endTime }: (typeof cues)[number]): ProbeTarget => ({
    cueId: id,
    startTime,
    endTime,
  });
  const target = probeTarget(cues[4]!);
  // The app's own line is probed on another cue: the position the first click left must not count.
  const appTarget = probeTarget(cues[6]!);
  const clickTarget = cues[9]!.id;
  const artifacts = path.join(projectRoot, 'tests/.artifacts');
  mkdirSync(artifacts, { recursive: true });
  const pages = [
    { name: 'watch', url: `${base}/watch/${EPISODE_ID}` },
    { name: 'embed', url: `${base}/embed/${EPISODE_ID}` },
  ];
  console.log(
    `\nFirst load, cold cache, ${runs} loads each (load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')})`,
  );
  const results: Record<string, unknown> = {};
  for (const profile of [PHONE, DESKTOP]) {
    for (const { name, url } of pages) {
      const loads: LoadFigures[] = [];
      for (let i = 0; i < runs; i++) {
        const screenshot =
          i === 0 ? path.join(artifacts, `bench-load-${name}-${profile.name}.png`) : null;
        loads.push(
          await oneLoad(browser, url, profile, target, appTarget, clickTarget, screenshot),
        );
      }
      const pick = (key: keyof LoadFigures) => loads.map((load) => load[key] as number);
      const figures = {
        lcpMs: median(pick('lcpMs')),
        interactiveMs: median(pick('interactiveMs')),
        appInteractiveMs: median(pick('appInteractiveMs')),
        clickInpMs: latencyMedian(loads.map((load) => load.clickInpMs)),
        typingInpMs: loads[0]!.hasSearch
          ? latencyMedian(loads.map((load) => load.typingInpMs))
          : null,
        cls: median(pick('cls')),
        longestFrameMs: median(pick('longestFrameMs')),
        blockingMs: median(pick('blockingMs')),
        transferBytes: median(pick('transferBytes')),
        jsBytes: median(pick('jsBytes')),
        transferBeforeInteractive: median(pick('transferBeforeInteractive')),
        requestsBeforeInteractive: median(pick('requestsBeforeInteractive')),
      };
      results[`${name} ${profile.name}`] = { ...figures, loads };
      console.log(
        `\n  ${name} page, ${profile.name} (median of ${runs}; each load in brackets)` +
          `\n    LCP                          ${ms(figures.lcpMs)}  [${loads.map((load) => `${ms(load.lcpMs)} ${load.lcpElement}`).join(', ')}]` +
          `\n    transcript interactive       ${ms(figures.interactiveMs)}  [${loads.map((load) => ms(load.interactiveMs)).join(', ')}]` +
          `\n    the app's transcript         ${ms(figures.appInteractiveMs)}  [${loads.map((load) => ms(load.appInteractiveMs)).join(', ')}]` +
          `\n    INP, clicking a line         ${ms(figures.clickInpMs)}  [${loads.map((load) => (load.clickInpMs === null ? '<16' : ms(load.clickInpMs))).join(', ')}]` +
          `\n    the INP click marked its line ${loads.filter((load) => load.clickMarked).length} of ${runs} times` +
          `\n    INP, typing in search        ${figures.typingInpMs === null ? 'no search box' : ms(figures.typingInpMs)}  [${loads.map((load) => (load.typingInpMs === null ? '<16' : ms(load.typingInpMs))).join(', ')}]` +
          `\n    CLS                          ${figures.cls.toFixed(3)}  [${loads.map((load) => load.cls.toFixed(3)).join(', ')}]` +
          (Math.max(...loads.map((load) => load.cls)) > 0
            ? `\n      what moved (the load with the largest CLS): ${loads.reduce((worst, load) => (load.cls > worst.cls ? load : worst)).clsSources}`
            : '') +
          `\n    longest frame during load    ${ms(figures.longestFrameMs)}  [${loads.map((load) => ms(load.longestFrameMs)).join(', ')}]` +
          `\n    frames' time beyond 50 ms    ${ms(figures.blockingMs)}  [${loads.map((load) => ms(load.blockingMs)).join(', ')}]` +
          `\n    transfer, all / JavaScript   ${kB(figures.transferBytes)} / ${kB(figures.jsBytes)}` +
          `\n    before interactive           ${figures.requestsBeforeInteractive} requests, ${kB(figures.transferBeforeInteractive)}`,
      );
      if (profile.name === 'phone') {
        const label = `${name} page, phone, median of ${runs}`;
        context.check(`${label}: LCP ≤ 2.5 s`, figures.lcpMs <= 2500, ms(figures.lcpMs));
        context.check(
          `${label}: transcript interactive ≤ 2.5 s`,
          figures.interactiveMs <= 2500,
          ms(figures.interactiveMs),
        );
        context.check(
          `${label}: INP clicking a line ≤ 200 ms`,
          figures.clickInpMs <= 200,
          ms(figures.clickInpMs),
        );
        if (figures.typingInpMs !== null) {
          context.check(
            `${label}: INP typing in search ≤ 200 ms`,
            figures.typingInpMs <= 200,
            ms(figures.typingInpMs),
          );
        }
        context.check(`${label}: CLS ≤ 0.1`, figures.cls <= 0.1, figures.cls.toFixed(3));
      } else {
        context.check(
          `${name} page, desktop, median of ${runs}: transcript interactive ≤ 500 ms`,
          figures.interactiveMs <= 500,
          ms(figures.interactiveMs),
        );
      }
    }
  }
  context.record('first load', { loadAverage: loadavg(), ...results });
}

export const loadPart: BenchPart = { name: 'load', run: loadBenches };
