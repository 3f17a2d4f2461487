/** The workspace's keyboard shortcuts, listed in the page. */
import { memo } from 'react';
import { useTranslatorText } from './translator-messages.ts';

export const ShortcutsHelp = memo(function ShortcutsHelp() {
  const t = useTranslatorText();
  return (
    <details className="t-panel t-shortcuts" open>
      <summary className="t-panel__title">{t.shortcutsHeading}</summary>
      <table className="t-shortcuts__table">
        <tbody>
          {t.shortcuts.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="t-panel__help">{t.macNote}</p>
    </details>
  );
});
