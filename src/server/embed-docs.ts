/**
 * The partner guide served with the app (`/embedding.html`), made from docs/embedding.md so the
 * guide in the project and the one partners read are the same text. The Markdown is the small
 * subset the guide uses (headings, paragraphs, lists, tables, fenced code, `code`, **bold**,
 * links); every piece of text is escaped, nothing is passed through as HTML.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../features/shared/share-links.ts';

export const EMBEDDING_GUIDE = 'docs/embedding.md';

/** The player address the guide's examples use; the served guide shows the real one instead. */
export const EXAMPLE_PLAYER_URL = 'https://redbox.example.org/';

function inline(text: string): string {
  // Split out code spans first: nothing inside them is formatted.
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_all, label: string, href: string) =>
          /^(https?:|#|\.{0,2}\/|[\w-]+\.html)/.test(href)
            ? `<a href="${href}">${label}</a>`
            : label,
        );
    })
    .join('');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function tableRow(line: string, cell: 'th' | 'td'): string {
  const cells = line.replace(/^\||\|$/g, '').split('|');
  return `<tr>${cells.map((text) => `<${cell}>${inline(text.trim())}</${cell}>`).join('')}</tr>`;
}

/** Markdown (the guide's subset) to HTML. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const collect = (test: (line: string) => boolean): string[] => {
    const taken: string[] = [];
    while (i < lines.length && test(lines[i]!)) taken.push(lines[i++]!);
    return taken;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^```(\w*)\s*$/.exec(line);
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (fence) {
      i++;
      const code = collect((next) => !/^```\s*$/.test(next));
      i++;
      const language = fence[1] ? ` class="language-${fence[1]}"` : '';
      out.push(`<pre><code${language}>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (heading) {
      i++;
      const level = heading[1]!.length;
      const text = heading[2]!;
      out.push(`<h${level} id="${slug(text)}">${inline(text)}</h${level}>`);
    } else if (/^\|/.test(line)) {
      const rows = collect((next) => /^\|/.test(next));
      const [head, , ...body] = rows;
      out.push(
        `<table><thead>${tableRow(head!, 'th')}</thead><tbody>${body
          .map((row) => tableRow(row, 'td'))
          .join('')}</tbody></table>`,
      );
    } else if (/^(-|\d+\.)\s/.test(line)) {
      const ordered = /^\d+\./.test(line);
      const items = collect((next) => /^(-|\d+\.)\s|^\s{2,}\S/.test(next));
      const merged = items.reduce<string[]>((list, item) => {
        if (/^\s{2,}\S/.test(item) && list.length > 0) list[list.length - 1] += ' ' + item.trim();
        else list.push(item.replace(/^(-|\d+\.)\s+/, ''));
        return list;
      }, []);
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${merged.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`);
    } else {
      const paragraph = collect(
        (next) => next.trim() !== '' && !/^(```|#{1,4}\s|\||-\s|\d+\.\s)/.test(next),
      );
      out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.55;color:#1d1d1f;max-width:52rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{border-bottom:3px solid #c8102e;padding-bottom:.3rem}h2{margin-top:2.2rem}a{color:#9e0b23}
pre{background:#f5f4f2;border:1px solid #d9d6d0;border-radius:8px;padding:.8rem;overflow-x:auto}
code{font-size:.92em}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d9d6d0;padding:.35rem .6rem;text-align:left;vertical-align:top}`;

/** The guide as a page, its examples pointing at `baseUrl` (the player's own address). */
export function embeddingGuideHtml(root: string, baseUrl: string): string {
  const markdown = readFileSync(path.join(root, EMBEDDING_GUIDE), 'utf8')
    .split(EXAMPLE_PLAYER_URL)
    .join(baseUrl);
  const title = /^#\s+(.*)$/m.exec(markdown)?.[1] ?? 'Embedding Red Box Player';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <main>
${markdownToHtml(markdown)}
    </main>
  </body>
</html>
`;
}
