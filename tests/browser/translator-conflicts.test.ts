/**
 * Issue 6, conflicts: a file changed on disk since it was loaded is never overwritten — the save
 * is refused (409) and the two versions are merged row by row — and loading a changed file over
 * unsaved work merges too. How soon a change on disk shows up in an open viewer and workspace is
 * timed in live-episode-files.test.ts, which runs alone.
 */
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  editOnDisk as editFileOnDisk,
  openWorkspace,
  readEpisodeFile,
  workspaceTestbed,
  type Testbed,
} from './translator-helpers.ts';

// A save over a changed file is refused by the save API, which the preview server has too (a page
// load there costs a fraction of one on the dev server); nothing else there tells the page of the
// change, so the notice this test sees is the refused save's.
const saving = workspaceTestbed();
// The dev server: it tells open pages when a file changes on disk.
const live = workspaceTestbed({ server: 'dev' });

const editOnDisk = (bed: Testbed, name: string, from: string, to: string) =>
  editFileOnDisk(bed.files.folder, name, from, to);

const cueText = (bed: Testbed, name: string, id: string) =>
  parseVtt(readEpisodeFile(bed.files.folder, name)).document.cues.find((cue) => cue.id === id)!
    .text;

describe('a file changed on disk', () => {
  it('is caught when saving (409), shown as "changed on disk", and merged row by row', async () => {
    const page = await saving.browser.newPage();
    const problems = watchPageProblems(page, [/409 \(Conflict\)/]);
    await openWorkspace(page, saving.server.url, 'ko');
    await box(page, 'c001').fill('레드 박스에 오신 것을 환영합니다!');
    await box(page, 'c004').fill('내 쪽의 오해요?');

    // Meanwhile, another person changes c002 and c004 on disk.
    editOnDisk(
      saving,
      'transcript.ko.vtt',
      '<v Jeongyol>북한 사람들에 대한 오해 중에',
      '<v Jeongyol>북한 사람들에 관한 오해 중에',
    );
    editOnDisk(saving, 'transcript.ko.vtt', '<v Ilhyeok>오해요?', '<v Ilhyeok>디스크의 오해요?');
    const onDisk = readEpisodeFile(saving.files.folder, 'transcript.ko.vtt');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'changed on disk' });
    await alert.first().waitFor();
    // Nothing was overwritten.
    expect(readEpisodeFile(saving.files.folder, 'transcript.ko.vtt')).toBe(onDisk);

    // Three rows differ; each side's own change is suggested, c004 (both changed) keeps mine.
    const merge = page.locator('.t-merge');
    await expect
      .poll(() =>
        merge
          .locator('[data-merge-id]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-merge-id'))),
      )
      .toEqual(['c001', 'c002', 'c004']);
    const chosen = (id: string, side: 'Keep mine' | 'Take theirs') =>
      merge.locator(`[data-merge-id="${id}"]`).getByRole('radio', { name: new RegExp(side) });
    expect(await chosen('c001', 'Keep mine').isChecked()).toBe(true);
    expect(await chosen('c002', 'Take theirs').isChecked()).toBe(true);
    expect(await chosen('c004', 'Keep mine').isChecked()).toBe(true);

    // "All theirs" then "All mine" set every row; then per row: take theirs for c004.
    await merge.getByRole('button', { name: 'All theirs' }).click();
    expect(await chosen('c001', 'Take theirs').isChecked()).toBe(true);
    await merge.getByRole('button', { name: 'All mine' }).click();
    expect(await chosen('c002', 'Keep mine').isChecked()).toBe(true);
    await chosen('c002', 'Take theirs').check();
    await chosen('c004', 'Take theirs').check();
    await merge.getByRole('button', { name: 'Apply the merge' }).click();

    expect(await box(page, 'c001').inputValue()).toBe('레드 박스에 오신 것을 환영합니다!');
    expect(await box(page, 'c002').inputValue()).toBe('북한 사람들에 관한 오해 중에');
    expect(await box(page, 'c004').inputValue()).toBe('디스크의 오해요?');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    expect(cueText(saving, 'transcript.ko.vtt', 'c001')).toBe('레드 박스에 오신 것을 환영합니다!');
    expect(cueText(saving, 'transcript.ko.vtt', 'c002')).toBe('북한 사람들에 관한 오해 중에');
    expect(cueText(saving, 'transcript.ko.vtt', 'c004')).toBe('디스크의 오해요?');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('with unsaved work, loading the changed file opens the row-by-row merge instead', async () => {
    const page = await live.browser.newPage();
    await openWorkspace(page, live.server.url, 'ko');
    await box(page, 'c006').fill('편의점 아르바이트를 했어요');
    editOnDisk(
      live,
      'transcript.ko.vtt',
      '<v Joy>처음 한국에 왔을 때',
      '<v Joy>처음 한국 땅에 왔을 때',
    );
    const notice = page.getByRole('alert').filter({ hasText: 'changed on disk' });
    await notice.first().waitFor();
    await notice.getByRole('button', { name: 'Load it' }).click();
    const merge = page.locator('.t-merge');
    await merge.waitFor();
    await merge.getByRole('button', { name: 'Apply the merge' }).click();
    expect(await box(page, 'c005').inputValue()).toBe('처음 한국 땅에 왔을 때');
    expect(await box(page, 'c006').inputValue()).toBe('편의점 아르바이트를 했어요');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    expect(cueText(live, 'transcript.ko.vtt', 'c005')).toBe('처음 한국 땅에 왔을 때');
    expect(cueText(live, 'transcript.ko.vtt', 'c006')).toBe('편의점 아르바이트를 했어요');
    // Our own save is not reported as a change on disk.
    await page.waitForTimeout(1000);
    expect(await page.getByText('changed on disk').count()).toBe(0);
    await page.close();
  });
});
