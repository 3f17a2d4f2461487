/**
 * Issue 6, the save API from a real browser and over the wire: traversal in the id and in the file
 * name, a wrong file name, a bad language tag, a foreign origin and a 6 MB body are refused, and
 * nothing outside the episode (or in it) is written. The preview server answers the API too;
 * where no save API answers (a static copy), the workspace offers "Download .vtt" and drafts.
 */
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { watchPageProblems } from './support/page-watch.ts';
import { startPreviewServer } from './support/servers.ts';
import {
  box,
  EPISODE_ID,
  openWorkspace,
  readEpisodeFile,
  snapshotFiles,
  storedDraft,
  workspaceTestbed,
} from './translator-helpers.ts';

const bed = workspaceTestbed({
  prepare: (files) =>
    writeFileSync(path.join(files.episodesDir, 'outside.vtt'), 'WEBVTT\n\nsecret\n'),
});

interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

describe('the save API refuses, from the workspace page itself', () => {
  it('traversal, other names, bad tags and a 6 MB body, writing nothing', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'ko');
    const etag = await page.evaluate(async (id) => {
      const response = await fetch(`/api/episodes/${id}/transcript.ko.vtt`);
      return response.headers.get('ETag')!;
    }, EPISODE_ID);
    expect(etag).toMatch(/^"sha256-/);
    const vtt = { 'Content-Type': 'text/vtt', 'If-Match': etag };
    const attempts: Attempt[] = [
      // Traversal in the episode id (the browser resolves plain "..", not these).
      {
        method: 'PUT',
        path: `/api/episodes/%252e%252e/outside.vtt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      { method: 'GET', path: `/api/episodes/..%2f..%2foutside.vtt/transcript.ko.vtt` },
      // Traversal in the file name.
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/..%2foutside.vtt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/%2e%2e%5coutside.vtt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/transcript.ko.vtt%00`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      // A wrong file name, a bad language tag, a language without a track.
      { method: 'PUT', path: `/api/episodes/${EPISODE_ID}/episode.json`, headers: vtt, body: '{}' },
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/notes.txt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/transcript.x.vtt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/transcript.fr.vtt`,
        headers: vtt,
        body: 'WEBVTT\n',
      },
      {
        method: 'POST',
        path: `/api/episodes/${EPISODE_ID}/tracks`,
        headers: { 'Content-Type': 'application/json' },
        body: '{"lang":"en_US","label":"x"}',
      },
      // 6 MB.
      {
        method: 'PUT',
        path: `/api/episodes/${EPISODE_ID}/transcript.ko.vtt`,
        headers: vtt,
        body: 'WEBVTT\n\n' + 'x'.repeat(6 * 1024 * 1024),
      },
    ];
    const before = snapshotFiles(bed.files.episodesDir);
    const results = await page.evaluate(async (attempts) => {
      const out: Array<{ status: number; body: string }> = [];
      for (const attempt of attempts) {
        const response = await fetch(attempt.path, {
          method: attempt.method,
          headers: attempt.headers,
          body: attempt.body,
        });
        out.push({ status: response.status, body: await response.text() });
      }
      return out;
    }, attempts);
    for (const [i, result] of results.entries()) {
      expect([attempts[i]!.path.slice(0, 60), result.status >= 400 && result.status < 500]).toEqual(
        [attempts[i]!.path.slice(0, 60), true],
      );
      expect(result.body.trim().length).toBeGreaterThan(10);
    }
    expect(results.at(-1)!.status).toBe(413);
    expect(results[7]!.body).toMatch(/not a well-formed BCP 47/);
    expect(snapshotFiles(bed.files.episodesDir)).toEqual(before);
    expect(readEpisodeFile(bed.files.episodesDir, 'outside.vtt')).toBe('WEBVTT\n\nsecret\n');
    await page.close();
  });

  it('a page of another origin: its requests are refused and write nothing', async () => {
    // localhost and 127.0.0.1 are two origins of the same server.
    const foreignOrigin = bed.server.url.replace('127.0.0.1', 'localhost');
    const page = await bed.browser.newPage();
    await page.goto(foreignOrigin);
    const before = snapshotFiles(bed.files.episodesDir);
    const target = `${bed.server.url}/api/episodes/${EPISODE_ID}/transcript.ko.vtt`;
    const outcome = await page.evaluate(async (target) => {
      const tries: string[] = [];
      // A PUT needs a preflight, which is refused.
      try {
        const response = await fetch(target, {
          method: 'PUT',
          headers: { 'Content-Type': 'text/vtt', 'If-Match': '*' },
          body: 'WEBVTT\n\nowned\n',
        });
        tries.push(`put ${response.status}`);
      } catch {
        tries.push('put blocked');
      }
      // A "simple" request is sent without a preflight: the server refuses it.
      await fetch(target.replace('transcript.ko.vtt', 'tracks'), {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'Content-Type': 'text/plain' },
        body: '{"lang":"fr","label":"Français"}',
      }).catch(() => {});
      tries.push('post sent');
      return tries;
    }, target);
    // Vite answers the CORS preflight of localhost origins; the PUT itself is then refused.
    expect(outcome[0]).toMatch(/^put (blocked|403)$/);
    // Over the wire, with the foreign Origin a browser sends.
    const wire = await fetch(target, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/vtt', 'If-Match': '"x"', Origin: foreignOrigin },
      body: 'WEBVTT\n',
    });
    expect(wire.status).toBe(403);
    expect(await wire.text()).toMatch(/Refused: the save API answers only pages of this server/);
    expect(snapshotFiles(bed.files.episodesDir)).toEqual(before);
    expect(existsSync(path.join(bed.files.folder, 'transcript.fr.vtt'))).toBe(false);
    await page.close();
  });
});

describe('the preview server', () => {
  it('answers the save API too', async () => {
    const preview = await startPreviewServer(inject('distDir'), {
      episodesDir: bed.files.episodesDir,
    });
    try {
      const health = await fetch(`${preview.url}/api/health`);
      expect(await health.json()).toEqual({ service: 'red-box-save-api', version: 1 });
      const page = await bed.browser.newPage();
      await openWorkspace(page, preview.url, 'ko');
      await box(page, 'c001').fill('프리뷰에서 저장해요');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText(/Saved to the file at/).waitFor();
      expect(readEpisodeFile(bed.files.folder, 'transcript.ko.vtt')).toContain(
        '<v All>프리뷰에서 저장해요',
      );
      // The page still holds the version it loaded: that is no change on disk.
      await page.waitForTimeout(500);
      expect(await page.getByText('changed on disk').count()).toBe(0);
      await box(page, 'c002').fill('두 번째 저장');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(() => readEpisodeFile(bed.files.folder, 'transcript.ko.vtt'))
        .toContain('두 번째 저장');
      await page.close();
    } finally {
      await preview.close();
    }
  });
});

describe('without a save API (a static copy of the site)', () => {
  let staticServer: Server;
  let staticUrl: string;

  beforeAll(async () => {
    // Files as any static host serves them; unknown paths get the app's index.html.
    const dist = inject('distDir');
    staticServer = createServer((req, res) => {
      const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      let file = path.join(dist, urlPath);
      if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
        file = path.join(dist, 'index.html');
      }
      const type = file.endsWith('.html')
        ? 'text/html'
        : file.endsWith('.js')
          ? 'text/javascript'
          : file.endsWith('.css')
            ? 'text/css'
            : file.endsWith('.json')
              ? 'application/json'
              : file.endsWith('.vtt')
                ? 'text/vtt'
                : 'application/octet-stream';
      res.setHeader('Content-Type', type);
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
    staticUrl = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => staticServer.close(resolve));
  });

  it('offers "Download .vtt" instead of Save, and keeps drafts', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, staticUrl, 'ko');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await box(page, 'c004').fill('다운로드할 오해요?');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .vtt', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('transcript.ko.vtt');
    const saved = path.join(bed.files.episodesDir, 'downloaded.vtt');
    await file.saveAs(saved);
    expect(readEpisodeFile(bed.files.episodesDir, 'downloaded.vtt')).toContain(
      '<v Ilhyeok>다운로드할 오해요?',
    );

    await expect
      .poll(() => storedDraft(page, 'ko').then((draft) => draft?.transcript.text ?? ''))
      .toContain('다운로드할 오해요?');
    await page.reload();
    await page.getByRole('button', { name: 'Restore draft' }).click();
    expect(await box(page, 'c004').inputValue()).toBe('다운로드할 오해요?');
    await page.close();
  });

  it('says re-aligning needs `npm start`, and the edges still move without a server', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page).errors;
    const realignRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/realign')) realignRequests.push(request.url());
    });
    await openWorkspace(page, staticUrl, 'en');
    const realign = page.getByRole('button', { name: 'Re-align selected rows' });
    await realign.waitFor();
    expect(await realign.isDisabled()).toBe(true);
    const hint = page.locator('#t-realign-hint');
    expect(await hint.textContent()).toContain('npm start');
    expect(await realign.getAttribute('aria-describedby')).toBe('t-realign-hint');

    // Unlocked, the source's edges move (drafts keep them); re-aligning still waits for a server.
    await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
    await page.getByRole('button', { name: 'Unlock the source' }).click();
    await box(page, 'c005').focus();
    const start = page
      .getByRole('region', { name: 'Waveform' })
      .getByRole('slider', { name: 'Start of c005', exact: true });
    await start.waitFor();
    const before = Number(await start.getAttribute('aria-valuenow'));
    await start.focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect
      .poll(async () => Number(await start.getAttribute('aria-valuenow')))
      .toBeCloseTo(before + 0.1, 3);
    expect(await realign.isDisabled()).toBe(true);
    expect(await hint.textContent()).toContain('npm start');
    // The moved edge asked no server to time its words again, and nothing failed in the page.
    expect(realignRequests).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
