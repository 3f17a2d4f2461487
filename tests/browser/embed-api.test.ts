/**
 * Partner embeds from a second origin (issue 8): a partner page on another port of 127.0.0.1
 * with two players made by RedBoxPlayer.create and one declarative div, all from the preview
 * server's build. Commands reach the right player and settle; events arrive in order and only at
 * their own controller; replayed, malformed and foreign messages change nothing; heights follow
 * the layout; destroy() leaves nothing behind; no cookie, no storage, no foreign request.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { cueWords, transcriptWords, wordPosition } from '../../src/core/cue-words.ts';
import { buildTimeIndex } from '../../src/core/time-index.ts';
import { embedLayout, DEFAULT_TRANSCRIPT_HEIGHT } from '../../src/features/shared/embed-layout.ts';
import { startPartnerServer, partnerPage, type PartnerServer } from './embed-partner-server.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { watchPageProblems, type PageProblems } from './support/page-watch.ts';
import { projectRoot, sharedPreviewServer, type RunningServer } from './support/servers.ts';

const artifacts = path.join(projectRoot, 'tests/.artifacts');
mkdirSync(artifacts, { recursive: true });

const cues = readCues('transcript.en.vtt');
const chapters = readCues('chapters.en.vtt');
const WIDTHS = { first: 900, second: 420, declared: 640 } as const;
type PlayerName = keyof typeof WIDTHS;

let player: RunningServer;
let partner: PartnerServer;
let intruder: PartnerServer;
let browser: BrowserContext;
let page: Page;
let problems: PageProblems;
const requests: string[] = [];

/** The partner's page: listener bookkeeping first (to prove destroy() removes its own), then players. */
function partnerHtml(): string {
  return partnerPage(`
<script>
  const live = new Set();
  const add = window.addEventListener;
  const remove = window.removeEventListener;
  window.addEventListener = function (type, listener, options) {
    if (type === 'message') live.add(listener);
    return add.call(this, type, listener, options);
  };
  window.removeEventListener = function (type, listener, options) {
    if (type === 'message') live.delete(listener);
    return remove.call(this, type, listener, options);
  };
  window.messageListeners = () => live.size;
  window.log = [];
</script>
<iframe id="intruder" src="${intruder.origin}/intruder" title="Another site" style="width:300px;height:60px"></iframe>
<div id="first" style="width:${WIDTHS.first}px"></div>
<div id="second" style="width:${WIDTHS.second}px"></div>
<div style="width:${WIDTHS.declared}px">
  <div id="declared" data-redbox-episode="${EPISODE_ID}" data-redbox-lang="en" data-redbox-t="30"></div>
</div>
<script src="${player.url}/embed.js" async></script>`);
}

beforeAll(async () => {
  player = await sharedPreviewServer();
  partner = await startPartnerServer();
  intruder = await startPartnerServer();
  intruder.page('/intruder', partnerPage('<p>Another site in a frame of the partner page.</p>'));
  browser = await launchChromium({ viewport: { width: 1280, height: 1800 } });
  page = await browser.newPage();
  problems = watchPageProblems(page);
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(partner.page('/', partnerHtml()));
  await page.waitForFunction(() => 'RedBoxPlayer' in window);
  await page.evaluate(async (episode) => {
    const api = window.RedBoxPlayer!;
    const players = {
      first: await api.create('#first', { episode, lang: 'en' }),
      second: await api.create(document.getElementById('second')!, { episode, lang: 'ko' }),
      declared: await api.get('#declared'),
    };
    Object.assign(window, { players });
    const names = [
      'ready',
      'play',
      'pause',
      'ended',
      'cuechange',
      'speakerchange',
      'chapterchange',
      'languagechange',
      'error',
    ] as const;
    for (const [name, controller] of Object.entries(players)) {
      for (const event of names) {
        controller.on(event, (payload: unknown) => window.log.push([name, event, payload]));
      }
      controller.on('timeupdate', () => window.log.push([name, 'timeupdate', performance.now()]));
    }
  }, EPISODE_ID);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([player?.close(), partner?.close(), intruder?.close()]);
});

declare global {
  interface Window {
    players: Record<
      PlayerName,
      import('../../src/embed-loader/player-controller.ts').PlayerController
    >;
    log: [string, string, unknown][];
    messageListeners(): number;
    wordMessages: number;
    wordCounter: (event: MessageEvent) => void;
    wordHandler: (payload: unknown) => void;
    heardWords: unknown[];
  }
}

const state = (name: PlayerName) => page.evaluate((name) => window.players[name].getState(), name);
const clearLog = () => page.evaluate(() => (window.log.length = 0));
const logOf = (name: PlayerName, event?: string) =>
  page.evaluate(
    ([name, event]) =>
      window.log.filter(([who, what]) => who === name && (!event || what === event)),
    [name, event] as const,
  );

/** The frame of a player, for looking inside it as a viewer would see it. */
async function playerFrame(name: PlayerName | 'later'): Promise<Frame> {
  const frame = await (await page.locator(`#${name} iframe`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame for the ${name} player`);
  return frame;
}

/** The cue ids (null in gaps) and speaker ids the clock passes from `from` up to `until`. */
function expectedChanges(from: number, until: number) {
  const index = buildTimeIndex(cues);
  const cueIds: (string | null)[] = [];
  const speakers: (string | null)[] = [];
  let lookup = index.lookup(from);
  let speaker = cues[lookup.recentIndex]?.speakerId ?? null;
  while (lookup.nextBoundary <= until) {
    lookup = index.lookup(lookup.nextBoundary);
    cueIds.push(cues[lookup.index]?.id ?? null);
    const next = cues[lookup.recentIndex]?.speakerId ?? null;
    if (next !== speaker) speakers.push((speaker = next));
  }
  return { cueIds, speakers };
}

describe('partner embeds from another origin', () => {
  it('turns every player into a titled, lazy iframe as the child of its element', async () => {
    const frames = await page.evaluate(() =>
      ['first', 'second', 'declared'].map((id) => {
        const host = document.getElementById(id)!;
        const iframe = host.querySelector('iframe')!;
        return {
          children: host.children.length,
          title: iframe.title,
          loading: iframe.getAttribute('loading'),
          allow: iframe.getAttribute('allow'),
          src: iframe.src,
        };
      }),
    );
    for (const frame of frames) {
      expect(frame.children).toBe(1);
      expect(frame.title).toBe(
        'Red Box Player: Misunderstandings and Stereotypes about North Koreans',
      );
      expect(frame.loading).toBe('lazy');
      expect(frame.allow).toBe('autoplay; fullscreen; picture-in-picture');
      expect(new URL(frame.src).searchParams.get('origin')).toBe(partner.origin);
    }
    expect(new URL(frames[1]!.src).searchParams.get('lang')).toBe('ko');
    expect(new URL(frames[2]!.src).searchParams.get('t')).toBe('30');
    // The declarative player starts where data-redbox-t says, and is ready there.
    expect((await state('declared')).currentTime).toBeCloseTo(30, 1);
    expect((await state('second')).lang).toBe('ko');
    // `ready` is sticky: a handler added now hears it at once.
    const lateReady = await page.evaluate(
      () =>
        new Promise((resolve) => window.players.first.on('ready', (payload) => resolve(payload))),
    );
    expect(lateReady).toMatchObject({ lang: 'en', title: expect.stringContaining('Stereotypes') });
    await (await playerFrame('first')).locator('[data-cue-id]').first().waitFor();
    await page
      .locator('#first iframe')
      .screenshot({ path: path.join(artifacts, 'embed-wide.png') });
    await page
      .locator('#second iframe')
      .screenshot({ path: path.join(artifacts, 'embed-narrow.png') });
  });

  it('sends cue, speaker and question events in order, the moment they happen, to their own player only', async () => {
    await page.evaluate(() => window.players.first.seek(5));
    await page.evaluate(() => window.players.first.pause());
    await clearLog();
    const until = cues[3]!.startTime;
    const expected = expectedChanges(5, until);
    // Twice the speed: the clock aims at boundaries at any rate.
    await (
      await playerFrame('first')
    ).evaluate(() => (document.querySelector('video')!.playbackRate = 2));
    const started = Date.now();
    await page.evaluate(() => window.players.first.play());
    await page.waitForFunction(
      (id) =>
        window.log.some(
          ([who, what, payload]) =>
            who === 'first' && what === 'cuechange' && (payload as { cueId: string }).cueId === id,
        ),
      cues[3]!.id,
      { timeout: 20_000 },
    );
    const playedMs = Date.now() - started;
    await page.evaluate(() => window.players.first.pause());
    await (
      await playerFrame('first')
    ).evaluate(() => (document.querySelector('video')!.playbackRate = 1));

    const log = (await logOf('first')).map(([, event, payload]) => [event, payload] as const);
    const cueEvents = log.filter(([event]) => event === 'cuechange');
    expect(cueEvents.map(([, payload]) => (payload as { cueId: string | null }).cueId)).toEqual(
      expected.cueIds,
    );
    for (const [, payload] of cueEvents) {
      const { cueId, speakerId, text } = payload as {
        cueId: string | null;
        speakerId: string | null;
        text: string | null;
      };
      const cue = cues.find((candidate) => candidate.id === cueId);
      expect({ speakerId, text }).toEqual({
        speakerId: cue?.speakerId ?? null,
        text: cue?.text ?? null,
      });
    }
    expect(
      log
        .filter(([event]) => event === 'speakerchange')
        .map(([, payload]) => (payload as { speakerId: string }).speakerId),
    ).toEqual(expected.speakers);
    const chapterEvents = log.filter(([event]) => event === 'chapterchange');
    expect(chapterEvents.map(([, payload]) => payload)).toEqual([
      { chapterId: chapters[0]!.id, question: chapters[0]!.text },
    ]);
    // The question arrives with its first cue, before the next cue starts.
    const questionAt = log.findIndex(([event]) => event === 'chapterchange');
    const secondCueAt = log.findIndex(
      ([event, payload]) =>
        event === 'cuechange' && (payload as { cueId: string }).cueId === cues[2]!.id,
    );
    expect(questionAt).toBeLessThan(secondCueAt);
    expect(log[0]![0]).toBe('play');
    expect(log.at(-1)![0]).toBe('pause');
    // timeupdate at most four times a second.
    const updates = log.filter(([event]) => event === 'timeupdate').map(([, at]) => at as number);
    expect(updates.length).toBeGreaterThan(2);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil((playedMs / 1000) * 4) + 1);
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]! - updates[i - 1]!).toBeGreaterThan(150);
    // The other players heard nothing of it.
    expect(await logOf('second')).toEqual([]);
    expect(await logOf('declared')).toEqual([]);
  });

  it('sends wordchange only while the page listens, one message per word, and marks the word inside', async () => {
    const words = transcriptWords(cues)!;
    // A line of four words or more after a pause, so playing starts between words.
    const cueIndex = cues.findIndex(
      (cue, i) => i > 0 && cueWords(cue).length >= 4 && cue.startTime - cues[i - 1]!.endTime > 0.4,
    );
    const from = cues[cueIndex]!.startTime - 0.2;
    const stopCue = cues[cueIndex + 1]!;
    // What the clock passes from `from` on: each word as it starts, nulls when one ends alone.
    const expected: { cueId: string | null; index: number | null; text: string | null }[] = [];
    let lookup = words.index.lookup(from);
    while (expected.length < 200 && Number.isFinite(lookup.nextBoundary)) {
      const previous = lookup.index;
      lookup = words.index.lookup(lookup.nextBoundary);
      if (lookup.index === previous) continue;
      const at = wordPosition(words, lookup.index);
      if (at) {
        const cue = cues[at.cueIndex]!;
        expected.push({
          cueId: cue.id,
          index: at.wordInCue,
          text: cueWords(cue)[at.wordInCue]!.text,
        });
      } else if (previous >= 0) expected.push({ cueId: null, index: null, text: null });
    }
    // Every wordchange message the player posts to this page, heard or not.
    await page.evaluate(() => {
      const counter = (event: MessageEvent) => {
        if ((event.data as { name?: string } | null)?.name === 'wordchange') window.wordMessages++;
      };
      Object.assign(window, { wordMessages: 0, wordCounter: counter, heardWords: [] });
      window.addEventListener('message', counter);
    });
    try {
      await wordEventsWhileListening();
    } finally {
      await page.evaluate(() => window.removeEventListener('message', window.wordCounter));
    }

    async function wordEventsWhileListening(): Promise<void> {
      const playUntilCue = async (id: string) => {
        await page.evaluate((from) => window.players.first.seek(from), from);
        // What the seek itself changed arrived before its reply: count from here.
        await page.evaluate(() => {
          window.heardWords = [];
          window.wordMessages = 0;
        });
        await page.evaluate(() => window.players.first.play());
        await (
          await playerFrame('first')
        ).waitForSelector(`[data-cue-id="${id}"][aria-current="true"]`, { timeout: 20_000 });
        await page.evaluate(() => window.players.first.pause());
      };

      // Nobody listens: the player sends none.
      await playUntilCue(stopCue.id);
      expect(await page.evaluate(() => window.wordMessages)).toBe(0);

      await page.evaluate(() => {
        window.wordHandler = (payload: unknown) => window.heardWords.push(payload);
        window.players.first.on('wordchange', window.wordHandler);
      });
      // The player hears of the listener through a command; give it a round trip.
      await page.evaluate(() => window.players.first.getState());
      await playUntilCue(stopCue.id);
      const heard = await page.evaluate(() => window.heardWords);
      expect(heard.length).toBeGreaterThanOrEqual(cueWords(cues[cueIndex]!).length);
      // In the order the words come, each at most once. On a loaded machine the clock can wake after
      // a short word has ended: that word is skipped (never sent late or early), so match in order.
      const keyOf = (word: unknown) => JSON.stringify(word);
      const expectedKeys = expected.map(keyOf);
      let at = -1;
      for (const word of heard) {
        const next = expectedKeys.indexOf(keyOf(word), at + 1);
        expect(next, `${keyOf(word)} out of order or repeated`).toBeGreaterThan(at);
        at = next;
      }
      const wordsHeard = heard.filter((word) => (word as { cueId: string | null }).cueId !== null);
      expect(wordsHeard.length).toBeGreaterThanOrEqual(cueWords(cues[cueIndex]!).length - 1);
      expect(await page.evaluate(() => window.wordMessages)).toBe(heard.length);
      // Paused on a word: the embed's transcript marks exactly that word.
      const last = heard.at(-1) as { cueId: string | null; text: string | null };
      if (last.cueId) {
        const marked = await (
          await playerFrame('first')
        ).evaluate(() =>
          Array.from(document.querySelectorAll('[data-word-current]'), (word) => word.textContent),
        );
        expect(marked).toEqual([last.text]);
      }

      // The last handler gone: none again.
      await page.evaluate(() => window.players.first.off('wordchange', window.wordHandler));
      await page.evaluate(() => window.players.first.getState());
      await playUntilCue(stopCue.id);
      expect(await page.evaluate(() => window.wordMessages)).toBe(0);
    }
  });

  it('plays, pauses, seeks, seeks to a cue and switches language on the right player', async () => {
    await page.evaluate(() => window.players.first.play());
    expect((await state('first')).paused).toBe(false);
    expect((await state('second')).paused).toBe(true);
    await page.evaluate(() => window.players.first.pause());
    expect((await state('first')).paused).toBe(true);

    const seeked = await page.evaluate(() => window.players.first.seek(42.5));
    expect(seeked.currentTime).toBeCloseTo(42.5, 2);
    const at = await state('first');
    const cueAt = cues.find((cue) => cue.startTime <= 42.5 && 42.5 < cue.endTime);
    expect(at).toMatchObject({ cueId: cueAt?.id ?? null, chapterId: chapters[0]!.id, lang: 'en' });

    const target = cues[19]!;
    await page.evaluate((id) => window.players.first.seekToCue(id), target.id);
    expect(await state('first')).toMatchObject({
      currentTime: target.startTime,
      cueId: target.id,
      speakerId: target.speakerId,
    });
    await (
      await playerFrame('first')
    ).waitForSelector(`[data-cue-id="${target.id}"][aria-current="true"]`);
    expect((await state('second')).currentTime).toBe(0);

    await clearLog();
    await expect(page.evaluate(() => window.players.first.setLanguage('ko'))).resolves.toEqual({
      lang: 'ko',
    });
    expect((await state('first')).lang).toBe('ko');
    expect(await logOf('first', 'languagechange')).toEqual([
      ['first', 'languagechange', { lang: 'ko' }],
    ]);
    // The cue under the playhead is announced again in the new language.
    const [, , koreanCue] = (await logOf('first', 'cuechange'))[0]!;
    expect(koreanCue).toMatchObject({ cueId: target.id, speakerId: target.speakerId });
    expect((koreanCue as { text: string }).text).not.toBe(target.text);
    await (
      await playerFrame('first')
    ).waitForSelector('[aria-label="Transcript"] [data-cue-id][lang="ko"]');
    expect((await state('second')).lang).toBe('ko');
    expect((await state('declared')).lang).toBe('en');
    await page.evaluate(() => window.players.first.setLanguage('en'));
  });

  it('rejects what it cannot do, with the reason', async () => {
    const reasons = await page.evaluate(async () => {
      const reason = (promise: Promise<unknown>) =>
        promise.then(
          () => 'resolved',
          (error: Error) => error.message,
        );
      const first = window.players.first;
      return {
        cue: await reason(first.seekToCue('no-such-cue')),
        lang: await reason(first.setLanguage('xx')),
        seek: await reason(first.seek(-3)),
        event: await reason(
          Promise.resolve().then(() => first.on('nonsense' as 'ready', () => {})),
        ),
      };
    });
    expect(reasons.cue).toMatch(/unknown cue "no-such-cue"/);
    expect(reasons.lang).toMatch(/unknown language "xx" \(this episode has en, ko\)/);
    expect(reasons.seek).toMatch(/seek\(seconds\) needs a number/);
    expect(reasons.event).toMatch(/unknown event "nonsense"/);
  });

  it('ignores a replayed command from a third-origin frame, malformed messages and forged events', async () => {
    await page.evaluate(() => window.players.first.seek(20));
    const before = await state('first');
    await clearLog();
    const target = await page.evaluate(() => {
      const frames = Array.from(document.querySelectorAll('iframe'));
      const iframe = document.querySelector<HTMLIFrameElement>('#first iframe')!;
      return {
        index: Array.from(window.frames).indexOf(iframe.contentWindow!),
        frameIndex: frames.indexOf(iframe),
        player: new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('player')!,
      };
    });
    expect(target.index).toBeGreaterThan(0);
    const command = {
      ns: 'redbox',
      v: 1,
      player: target.player,
      kind: 'command',
      name: 'seek',
      id: 1,
      payload: { seconds: 100 },
    };
    // A frame of another site on the partner page replays a command, and forges events and replies.
    const intruderFrame = page.frames().find((frame) => frame.url().startsWith(intruder.origin))!;
    await intruderFrame.evaluate(
      ({ command, index }) => {
        window.parent.frames[index]!.postMessage(command, '*');
        window.parent.frames[index]!.postMessage({ ...command, name: 'play', id: 2 }, '*');
        const forged = { ns: 'redbox', v: 1, player: command.player, payload: {} };
        window.parent.postMessage(
          {
            ...forged,
            kind: 'event',
            name: 'cuechange',
            payload: { cueId: 'FORGED', speakerId: null, text: 'x' },
          },
          '*',
        );
        window.parent.postMessage(
          { ...forged, kind: 'event', name: 'resize', payload: { height: 5 } },
          '*',
        );
        window.parent.postMessage(
          { ...forged, kind: 'reply', name: 'seek', id: 1, payload: { ok: true } },
          '*',
        );
      },
      { command, index: target.index },
    );
    // The partner page itself posts garbage, wrong shapes and other players' names.
    const playerOrigin = player.url;
    await page.evaluate(
      ({ command, playerOrigin }) => {
        const iframe = document.querySelector<HTMLIFrameElement>('#first iframe')!;
        const post = (data: unknown) => iframe.contentWindow!.postMessage(data, playerOrigin);
        const garbage: unknown[] = [
          null,
          undefined,
          'seek',
          42,
          [command],
          { ...command, ns: 'other' },
          { ...command, v: 2 },
          { ...command, player: 'someone-else' },
          { ...command, player: '<img src=x onerror=alert(1)>' },
          { ...command, kind: 'event' },
          { ...command, id: undefined },
          { ...command, id: -1 },
          { ...command, id: 1.5 },
          { ...command, payload: null },
          { ...command, payload: [100] },
          { ...command, payload: { seconds: '100' } },
          { ...command, payload: { seconds: Number.NaN } },
          { ...command, payload: { seconds: -5 } },
          { ...command, name: 'x'.repeat(500) },
          { ...command, name: '__proto__' },
          { ...command, name: 'constructor' },
          { ...command, name: 'seekToCue', payload: { cueId: 'y'.repeat(5000) } },
          { ...command, name: 'setLanguage', payload: { lang: { toString: 1 } } },
        ];
        garbage.forEach(post);
        window.postMessage({ ...command, kind: 'event', name: 'error' }, '*');
      },
      { command, playerOrigin },
    );
    // No sleep needed: messages to a window are handled in the order they were posted, so the
    // reply to this request comes after the player has handled (and ignored) all of the above.
    const after = await state('first');
    expect(after).toEqual(before);
    expect((await state('second')).currentTime).toBe(0);
    const heard = JSON.stringify(await logOf('first'));
    expect(heard).not.toContain('FORGED');
    expect(await logOf('first', 'error')).toEqual([]);
    expect(
      await page
        .locator('#first iframe')
        .evaluate((iframe) => iframe.getBoundingClientRect().height),
    ).toBeGreaterThan(100);
    expect(problems.errors).toEqual([]);
  });

  it('sizes each iframe to its layout: reserved before loading, no inner scrollbar, following the width', async () => {
    for (const name of ['first', 'second', 'declared'] as const) {
      const layout = embedLayout(WIDTHS[name], {
        transcript: true,
        transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
      });
      const height = await page
        .locator(`#${name} iframe`)
        .evaluate((iframe) => iframe.getBoundingClientRect().height);
      expect(Math.abs(height - layout.height), name).toBeLessThanOrEqual(1);
      const inside = await (
        await playerFrame(name)
      ).evaluate(() => ({
        scroll: document.documentElement.scrollHeight,
        view: window.innerHeight,
        layout: document.querySelector('.embed')!.getAttribute('data-layout'),
      }));
      expect(inside.scroll, name).toBeLessThanOrEqual(inside.view);
      expect(inside.layout).toBe(layout.mode);
    }
    // Narrower: the player turns stacked and the iframe grows to match.
    await page.evaluate(() => (document.getElementById('first')!.style.width = '500px'));
    const stacked = embedLayout(500, {
      transcript: true,
      transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
    });
    await page.waitForFunction(
      (height) =>
        Math.abs(
          document.querySelector('#first iframe')!.getBoundingClientRect().height - height,
        ) <= 1,
      stacked.height,
    );
    expect(
      await (
        await playerFrame('first')
      ).evaluate(() => document.querySelector('.embed')!.getAttribute('data-layout')),
    ).toBe('stacked');

    // A player added later, far below: its iframe is there at once with its height reserved, and
    // loading it (once scrolled to) does not change that height.
    const reserved = await page.evaluate(async (episode) => {
      const holder = document.createElement('div');
      holder.style.cssText = 'margin-top:4000px;width:600px';
      const later = document.createElement('div');
      later.id = 'later';
      later.dataset.redboxEpisode = episode;
      later.dataset.redboxTranscriptHeight = '240';
      holder.appendChild(later);
      document.body.appendChild(holder);
      await Promise.resolve();
      const iframe = document.querySelector<HTMLIFrameElement>('#later iframe');
      return iframe ? iframe.getBoundingClientRect().height : null;
    }, EPISODE_ID);
    const later = embedLayout(600, { transcript: true, transcriptHeight: 240 });
    expect(reserved).toBe(later.height);
    await page.locator('#later').scrollIntoViewIfNeeded();
    await page.evaluate(() =>
      window
        .RedBoxPlayer!.get('#later')
        .then((controller) => Object.assign(window.players, { later: controller })),
    );
    const loaded = await page
      .locator('#later iframe')
      .evaluate((iframe) => iframe.getBoundingClientRect().height);
    expect(Math.abs(loaded - later.height)).toBeLessThanOrEqual(1);
  });

  it('sets no cookie, stores nothing and asks no other host for anything', async () => {
    expect(await browser.cookies()).toEqual([]);
    for (const name of ['first', 'second', 'declared'] as const) {
      expect(
        await (
          await playerFrame(name)
        ).evaluate(() => ({
          local: localStorage.length,
          session: sessionStorage.length,
          cookie: document.cookie,
        })),
      ).toEqual({ local: 0, session: 0, cookie: '' });
    }
    const foreign = requests.filter(
      (url) =>
        ![partner.origin, intruder.origin, player.url].some((origin) =>
          url.startsWith(origin + '/'),
        ) && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
  });

  it('destroy() removes the iframe and every listener of its player, and nothing else', async () => {
    const listeners = await page.evaluate(() => window.messageListeners());
    expect(listeners).toBe(4);
    await page.evaluate(() => window.players.first.destroy());
    expect(await page.locator('#first iframe').count()).toBe(0);
    expect(await page.evaluate(() => window.messageListeners())).toBe(3);
    await expect(page.evaluate(() => window.players.first.play())).rejects.toThrow(/destroyed/);
    expect((await state('second')).lang).toBe('ko');
    await page.evaluate(() =>
      Object.values(window.players).forEach((controller) => controller.destroy()),
    );
    expect(await page.evaluate(() => window.messageListeners())).toBe(0);
    expect(await page.locator('iframe[src*="/embed/"]').count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });
});
