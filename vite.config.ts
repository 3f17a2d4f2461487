/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { redBoxAppRenderer } from './src/server/app-renderer.ts';
import { redBoxArchive } from './src/server/archive-plugin.ts';
import { redBoxEmbed } from './src/server/embed-plugin.ts';
import { redBoxEpisodes } from './src/server/episodes-plugin.ts';
import { redBoxPrerender } from './src/server/prerender-plugin.ts';
import { redBoxSaveApi } from './src/server/save-api.ts';
import SoloSignal from './tests/solo-signal.ts';
import LongestFirst from './tests/test-order.ts';

// Serving under a sub-path: RED_BOX_BASE=/red-box/ npm run build (Contract 2).
const base = process.env.RED_BOX_BASE ?? '/';

const episodes = redBoxEpisodes();
// The app's components rendered at build time, for the pre-rendered watch and embed pages.
const appRenderer = redBoxAppRenderer();

/**
 * Files whose assertions are about timing (line and word sync, latencies, tap timing, keystroke
 * budgets, a clock against performance.now, linear growth of CPU time): the *-solo projects run
 * them one at a time after everything else, which runs two files at a time.
 */
const UNIT_SOLO = ['tests/unit/core-fuzz.test.ts', 'tests/unit/core-hostile.test.ts'];
const DOM_SOLO = ['tests/dom/media-clock.test.ts'];
const BROWSER_SOLO = [
  'tests/browser/first-load.test.ts',
  'tests/browser/first-page-sync.test.ts',
  'tests/browser/hls-playback.test.ts',
  'tests/browser/live-episode-files.test.ts',
  'tests/browser/translator-drafts.test.ts',
  'tests/browser/translator-long-file.test.ts',
  'tests/browser/translator-playback-keys.test.ts',
  'tests/browser/translator-tap-timing.test.ts',
];

const BROWSER_TEST_TIMEOUT = 180_000;

export default defineConfig({
  base,
  plugins: [
    react(),
    episodes,
    redBoxPrerender(episodes.api, appRenderer.api),
    redBoxSaveApi(),
    redBoxEmbed(appRenderer.api),
    redBoxArchive(episodes.api),
    appRenderer,
  ],
  resolve: {
    // http-streaming (loaded lazily for HLS, src/player/http-streaming.ts) imports `video.js`:
    // give it the core build the player uses, so it registers there and no second, full
    // video.js (which bundles its own http-streaming) is built.
    alias: [{ find: /^video\.js$/, replacement: 'video.js/core.es.js' }],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    // Projects with the same maxWorkers run as one group sharing one pool of workers: the unit,
    // component and browser files two at a time (browser files mostly wait on pages and real-time
    // playback, unit files fill the gaps); then the *-solo projects (fileParallelism: false), one
    // file at a time.
    maxWorkers: 2,
    // The node projects (unit, browser) run their files one after another in a worker without
    // re-importing what they share (vite, playwright-core, the core) for each file: the files
    // keep no state in shared modules (a server or browser context is a file's own, closed in its
    // afterAll). Measured alone, A/B back to back: the unit files 108/117 -> 83/90 core-seconds,
    // the browser files 500 -> 460 (their summed import time 27.6 -> 3.8 s). The component files
    // keep a fresh jsdom each.
    // Longest files first, also on a fresh clone (tests/test-order.ts).
    sequence: { sequencer: LongestFirst },
    // `npm test` starts the type check and lint when the solo files start (tests/solo-signal.ts).
    reporters: ['default', new SoloSignal()],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          isolate: false,
          include: ['tests/unit/**/*.test.ts'],
          exclude: UNIT_SOLO,
          // A guard against hangs, not a speed check (speed is in the bench): property and fuzz
          // tests run a fixed number of cases and take seconds when the machine is busy; hooks
          // synthesize recordings (festival, sox), which took over 10 s beside browser files.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-solo',
          environment: 'node',
          isolate: false,
          // Vitest runs a project without isolation and one worker in a group of its own order.
          sequence: { groupOrder: 1 },
          include: UNIT_SOLO,
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          exclude: DOM_SOLO,
          setupFiles: ['tests/dom/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom-solo',
          environment: 'jsdom',
          include: DOM_SOLO,
          setupFiles: ['tests/dom/setup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          isolate: false,
          include: ['tests/browser/**/*.test.ts'],
          exclude: BROWSER_SOLO,
          globalSetup: ['tests/browser/support/global-setup.ts'],
          // A safety net, not a budget: walks through several workspace loads took 60–90 s on a
          // loaded 2-core machine. What must be fast is asserted inside the tests.
          testTimeout: BROWSER_TEST_TIMEOUT,
          // These files run beside others and assert no timing, so a state a page reaches
          // "eventually" gets what a loaded machine needs (vitest's default is 1 s: a progress
          // meter two edits behind once missed it at load 10). The solo files keep the default.
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // After the files above, one at a time: what they measure (how soon a line or a word
          // is marked, a draft written, a file change shown, a tap timed) needs the machine.
          // The global setup runs once for both browser projects (one Chromium, one build).
          name: 'browser-solo',
          environment: 'node',
          isolate: false,
          // Vitest runs a project without isolation and one worker in a group of its own order.
          sequence: { groupOrder: 1 },
          include: BROWSER_SOLO,
          globalSetup: ['tests/browser/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: BROWSER_TEST_TIMEOUT,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
