/**
 * Find and replace in the translation column only (the source and the notes are left alone).
 * "Find next" selects the match in its row's box; "Replace all" is one undo step.
 */
import {
  forwardRef,
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { findInTexts, replaceAllIn, type TextMatch } from '../../core/translation-find.ts';
import { setCueText } from '../../core/translation-edit.ts';
import { useTranslatorText } from './translator-messages.ts';
import type { RowFocus } from './row-focus.ts';
import type { RowActions } from './use-workspace-session.ts';
import type { Docs, FileKind } from './workspace-session.ts';

export interface FindReplaceHandle {
  /** Open the panel and put the keyboard in the find box. */
  open(): void;
}

interface KindMatch extends TextMatch {
  readonly kind: FileKind;
}

const KINDS: readonly FileKind[] = ['chapters', 'transcript'];

export const FindReplace = forwardRef<
  FindReplaceHandle,
  { docs: Docs; actions: RowActions; focus: RowFocus; readOnly: boolean }
>(function FindReplace({ docs, actions, focus, readOnly }, handle) {
  const t = useTranslatorText();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [cursor, setCursor] = useState(-1);
  const [message, setMessage] = useState('');
  const findInput = useRef<HTMLInputElement>(null);

  useImperativeHandle(handle, () => ({
    open() {
      setOpen(true);
      // The panel opens on this render; focus once it is there.
      requestAnimationFrame(() => findInput.current?.select());
    },
  }));

  const matches = useMemo<KindMatch[]>(
    () =>
      KINDS.flatMap((kind) =>
        findInTexts(docs[kind]?.cues.map((cue) => cue.text) ?? [], query, { matchCase }).map(
          (match) => ({ ...match, kind }),
        ),
      ),
    [docs, query, matchCase],
  );
  const rows = new Set(matches.map((match) => `${match.kind}:${match.index}`)).size;

  const select = (at: number): void => {
    const match = matches[at];
    if (!match) return;
    setCursor(at);
    focus.request({
      ref: { kind: match.kind, index: match.index },
      target: 'text',
      selection: [match.start, match.end],
    });
  };
  const findNext = (): void => {
    if (matches.length === 0) return setMessage(t.matches(0, 0));
    select((cursor + 1) % matches.length);
  };
  const replaceOne = (): void => {
    const match = matches[cursor] ?? matches[0];
    if (!match) return setMessage(t.matches(0, 0));
    const cue = docs[match.kind]?.cues[match.index];
    if (!cue) return;
    const text = cue.text.slice(0, match.start) + replacement + cue.text.slice(match.end);
    actions.setText({ kind: match.kind, index: match.index }, text);
    setMessage(t.replaced(1));
    // Once the list is recomputed from the new text, its match at this position is the next one.
    setSelectAfterReplace(matches.indexOf(match));
  };
  const [selectAfterReplace, setSelectAfterReplace] = useState<number | null>(null);
  useEffect(() => {
    if (selectAfterReplace === null) return;
    setSelectAfterReplace(null);
    if (matches.length > 0) select(Math.min(selectAfterReplace, matches.length - 1));
    else setCursor(-1);
    // Runs when the matches of the edited text arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matches]);
  const replaceAll = (): void => {
    if (matches.length === 0) return setMessage(t.matches(0, 0));
    for (const kind of KINDS) {
      const indexes = [...new Set(matches.filter((m) => m.kind === kind).map((m) => m.index))];
      if (indexes.length === 0) continue;
      actions.replace(
        kind,
        (document) =>
          indexes.reduce(
            (edited, index) =>
              setCueText(
                edited,
                index,
                replaceAllIn(edited.cues[index]!.text, query, replacement, { matchCase }),
              ),
            document,
          ),
        'replace-all',
      );
    }
    setMessage(t.replaced(matches.length));
    setCursor(-1);
  };

  return (
    <details
      className="t-panel t-find"
      open={open}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="t-panel__title" id={headingId}>
        {t.findHeading}
      </summary>
      <form
        className="t-find__form"
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          findNext();
        }}
      >
        <label>
          {t.findLabel}
          <input
            ref={findInput}
            type="search"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setCursor(-1);
              setMessage('');
            }}
          />
        </label>
        <label>
          {t.replaceLabel}
          <input
            type="text"
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
          />
        </label>
        <label className="t-find__case">
          <input
            type="checkbox"
            checked={matchCase}
            onChange={(event) => setMatchCase(event.target.checked)}
          />{' '}
          {t.matchCase}
        </label>
        <div className="t-find__buttons">
          <button type="submit" className="t-button">
            {t.findNext}
          </button>
          <button type="button" className="t-button" disabled={readOnly} onClick={replaceOne}>
            {t.replaceOne}
          </button>
          <button type="button" className="t-button" disabled={readOnly} onClick={replaceAll}>
            {t.replaceAll}
          </button>
        </div>
        <p className="t-find__status" role="status">
          {query ? t.matches(matches.length, rows) : ''} {message}
        </p>
      </form>
    </details>
  );
});
