/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { redBoxEmbed } from './src/server/embed-plugin.ts';
import { redBoxEpisodes } from './src/server/episodes-plugin.ts';
import { redBoxPrerender } from './src/server/prerender-plugin.ts';
import { redBoxSaveApi } from './src/server/save-api.ts';

// Serving under a sub-path: RED_BOX_BASE=/red-box/ npm run build (Contract 2).
const base = process.env.RED_BOX_BASE ?? '/';

const episodes = redBoxEpisodes();

export default defineConfig({
  base,
  plugins: [react(), episodes, redBoxPrerender(episodes.api), redBoxSaveApi(), redBoxEmbed()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/dom/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/support/global-setup.ts'],
          // One Chromium at a time: these machines have two cores, and media timing is the point.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
