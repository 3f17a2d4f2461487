/**
 * The lint rule that keeps features apart (eslint.config.js): a feature importing another feature
 * fails, shared code imports no feature, and imports of features/shared and of the layers below
 * stay allowed.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: projectRoot });

/** The messages of the import rule for `code` as if it were the file at `file`. */
async function importFindings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

// The first lint loads the parsers and the config: seconds on a loaded machine.
describe('feature boundaries', { timeout: 60_000 }, () => {
  it('fails a feature that imports another feature', async () => {
    const findings = await importFindings(
      'src/features/viewer/probe.tsx',
      "import { embedSnippet } from '../embed/share-links.ts';\nexport const probe = embedSnippet;\n",
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('Features never import each other');
  });

  it('fails each pair of features, and shared code importing a feature', async () => {
    for (const [file, specifier] of [
      ['src/features/embed/probe.tsx', '../viewer/watch-view.tsx'],
      ['src/features/home/probe.tsx', '../archive/archive-nav.tsx'],
      ['src/features/home/probe.tsx', '../translator/translate-panel.tsx'],
      ['src/features/archive/probe.tsx', '../viewer/watch-page.tsx'],
      ['src/features/shared/probe.tsx', '../viewer/watch-page.tsx'],
    ] as const) {
      const findings = await importFindings(
        file,
        `import * as other from '${specifier}';\nexport const probe = other;\n`,
      );
      expect(findings, `${file} → ${specifier}`).toHaveLength(1);
    }
  });

  it('allows features/shared, the layers below and the feature’s own files', async () => {
    const findings = await importFindings(
      'src/features/embed/probe.tsx',
      [
        "import { TranscriptArea } from '../shared/transcript-area.tsx';",
        "import { parseVtt } from '../../core/vtt-parse.ts';",
        "import { EmbedPage } from './embed-page.tsx';",
        'export const probe = [TranscriptArea, parseVtt, EmbedPage];',
        '',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
  });
});
