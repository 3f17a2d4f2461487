/**
 * A row's markup, shown so it can be edited deliberately: the cue text inside the speaker's voice
 * span, tags and word timestamps as WebVTT writes them (`<i>Hello</i> <00:01.500>there`). It shows
 * whenever the cue has markup; a row without any opens it with its "</>" button. Typing plain text
 * in the row's text box keeps this markup (cue-text-edit.ts); here `<i>`, `<b>`, `<c.x>`, `<lang>`
 * and timestamps are tags, and a `&` or `<` that starts none is text.
 */
import { useId, useState } from 'react';
import { markupOf, withMarkup } from '../../core/cue-text-edit.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { RowBox } from './row-parts.tsx';
import { useTranslatorText } from './translator-messages.ts';
import { useRowEnvironment } from './workspace-context.ts';
import type { RowRef } from './workspace-session.ts';

/** The row's "</>" button: shows or hides the markup of a row that has none yet. */
export function MarkupToggle({
  cueId,
  open,
  onToggle,
}: {
  cueId: string;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useTranslatorText();
  return (
    <button
      type="button"
      className="t-play t-markup-toggle"
      aria-label={t.showMarkupOf(cueId)}
      aria-expanded={open}
      title={t.showMarkupOf(cueId)}
      onClick={onToggle}
    >
      <span aria-hidden="true">&lt;/&gt;</span>
    </button>
  );
}

export function RowMarkup({
  rowRef,
  cue,
  readOnly,
}: {
  rowRef: RowRef;
  cue: ParsedCue;
  readOnly: boolean;
}) {
  const t = useTranslatorText();
  const { actions, onKeyDown } = useRowEnvironment();
  const markup = markupOf(cue);
  const [typed, setTyped] = useState(markup.text);
  // The cue changed elsewhere (the text box, undo, a merge): show its markup. What is being
  // typed stays as typed while it means the same markup (a lone `<` shown as `<`, not `&lt;`).
  if (typed !== markup.text && withMarkup(cue, typed) !== cue) setTyped(markup.text);
  const hintId = useId();
  return (
    <RowBox
      block="t-markup"
      label={t.markupOf(cue.id)}
      aria-describedby={hintId}
      value={typed}
      readOnly={readOnly || !markup.editable}
      dir="ltr"
      spellCheck={false}
      onChange={(event) => {
        setTyped(event.target.value);
        actions.setMarkup(rowRef, event.target.value);
      }}
      // As in the note: shortcuts work, Escape goes back to the text box, Enter is a new line.
      onKeyDown={(event) => onKeyDown(event, rowRef, 'note')}
    >
      {/* Read out with the box; shown only when the markup cannot be edited here. */}
      <p id={hintId} className={markup.editable ? 'visually-hidden' : 't-markup__hint'}>
        {markup.editable ? t.markupHint : t.markupVoices}
      </p>
    </RowBox>
  );
}
