/**
 * The workspace's interface text in English and Korean. The accessible names Contract 5 fixes
 * ("Translation of <cue id>", "Save", "Download .vtt", "Restore draft", "Discard draft") are the
 * same in both languages, like Contract 3's names in the viewer.
 */
import { useI18n } from '../shared/i18n.tsx';
import type { RuleId } from '../../core/cue-model.ts';

/** Names fixed by Contract 5. */
export const CONTRACT_NAMES = {
  translationOf: (cueId: string) => `Translation of ${cueId}`,
  save: 'Save',
  download: 'Download .vtt',
  restoreDraft: 'Restore draft',
  discardDraft: 'Discard draft',
  waveform: 'Waveform',
  startOf: (cueId: string) => `Start of ${cueId}`,
  endOf: (cueId: string) => `End of ${cueId}`,
  tapToTime: 'Tap to time',
  realign: 'Re-align selected rows',
} as const;

const englishText = {
  workspaceTitle: (title: string, label: string) => `Translate “${title}” into ${label}`,
  sourceWorkspaceTitle: (title: string, label: string) => `${label} source of “${title}”`,
  loadingFiles: 'Loading the cue files…',
  filesFailed: 'The cue files could not be loaded.',
  watchLink: 'Watch this language',
  otherLanguages: 'Other languages',
  // rows
  rowsHeading: 'Transcript rows',
  chaptersHeading: 'Questions (chapters)',
  sourceColumn: (label: string) => `Source (${label})`,
  sourceLanguage: 'the source language',
  speakerOf: (id: string) => `Speaker of ${id}`,
  playRow: (id: string) => `Play ${id}`,
  loopRow: (id: string) => `Loop ${id}`,
  noteFor: (id: string) => `Note for ${id}`,
  addNote: 'Add a note',
  addNoteFor: (id: string) => `Add a note to ${id}`,
  notInSource: 'Not in the source: this id aligns with nothing.',
  markupOf: (id: string) => `Markup of ${id}`,
  showMarkupOf: (id: string) => `Show the markup of ${id}`,
  markupHint:
    'Tags as in WebVTT: <i>, <b>, <u>, <c.class>, <lang xx>, <ruby>…<rt>…</rt></ruby>, word times <00:01.500>. A & or < that starts no tag is text.',
  markupVoices:
    'This row names speakers inside its markup: change them with the speaker menu or in a text editor.',
  removeRow: (id: string) => `Remove ${id}`,
  splitRow: (id: string) => `Split ${id} at the cursor`,
  mergeRow: (id: string) => `Merge ${id} with the next row`,
  startEarlier: (id: string) => `Start ${id} 100 ms earlier`,
  startLater: (id: string) => `Start ${id} 100 ms later`,
  endEarlier: (id: string) => `End ${id} 100 ms earlier`,
  endLater: (id: string) => `End ${id} 100 ms later`,
  looping: (id: string) => `Looping ${id}`,
  stopLoop: 'Stop looping',
  // source lock
  sourceLocked:
    'This is the source language: its timings are authoritative and every translation follows its ids. It is read-only.',
  unlockSource: 'Edit the source language',
  unlockConfirm:
    'Changes here change what every translation is checked against, and splitting or merging rows changes their ids. Unlock the source?',
  unlockYes: 'Unlock the source',
  unlockNo: 'Keep it locked',
  // saving
  unsaved: 'Unsaved changes (kept as a draft in this browser)',
  allSaved: 'All changes are saved to the file.',
  saving: 'Saving…',
  savedAt: (time: string) => `Saved to the file at ${time}.`,
  nothingToSave: 'Nothing to save: the file already holds this.',
  saveFailed: 'The save was refused:',
  staticMode:
    'No save API answers here (a published copy of the site): download the file and commit it, or run npm start to save directly. Drafts still keep your work in this browser.',
  downloadChapters: 'Download questions .vtt',
  draftSavedAt: (time: string) => `Draft kept in this browser at ${time}.`,
  draftsUnavailable:
    'This browser cannot keep drafts (storage is blocked): save often. Closing the page will ask first.',
  addedRows: (count: number) =>
    `${count} row${count === 1 ? '' : 's'} of the source ${count === 1 ? 'was' : 'were'} missing from the file and ${count === 1 ? 'was' : 'were'} added empty; saving writes ${count === 1 ? 'it' : 'them'}.`,
  undo: 'Undo',
  redo: 'Redo',
  // drafts
  draftOffer: (time: string, rows: number) =>
    `A draft from ${time} is kept in this browser: ${rows} row${rows === 1 ? '' : 's'} differ${rows === 1 ? 's' : ''} from the file.`,
  draftBlocksEditing: 'Restore or discard the draft before editing.',
  draftRows: (ids: readonly string[]) => (ids.length > 0 ? `Rows: ${ids.join(', ')}…` : ''),
  draftChoices: (count: number) =>
    `${count} drafts are kept in this browser (one per tab that worked on this language): choose one to restore or discard.`,
  draftChoice: (time: string, rows: number, own: boolean) =>
    `${time}, ${own ? 'this tab' : 'another tab'}: ${rows} row${rows === 1 ? '' : 's'} differ${rows === 1 ? 's' : ''} from the file.`,
  otherTabs: (count: number) =>
    `This language is also open in ${count === 1 ? 'another tab' : `${count} other tabs`} of this browser. Each tab keeps its own draft; if both save, the second save is caught and merged row by row.`,
  checkingDraft: 'Looking for a draft…',
  draftOlderFile:
    'The file changed on disk since this draft was made: review the rows below and keep what you want.',
  // disk changes and merging
  changedOnDisk: (file: string) => `${file} changed on disk.`,
  changedOnDiskUnsaved: (file: string) =>
    `${file} changed on disk while you have unsaved changes: load it to compare the two versions row by row.`,
  loadFromDisk: 'Load it',
  keepWorking: 'Not now',
  conflict: (file: string) =>
    `${file} changed on disk since you loaded it, so nothing was overwritten. Choose, row by row, which version to keep, then save again.`,
  mergeHeading: (file: string) => `Merge ${file}`,
  mergeRows: (count: number) => `${count} row${count === 1 ? '' : 's'} differ.`,
  mergeNothing: 'The two versions have the same rows: apply to continue from the file on disk.',
  mine: 'Mine',
  theirs: 'On disk',
  keepMine: 'Keep mine',
  takeTheirs: 'Take theirs',
  allMine: 'All mine',
  allTheirs: 'All theirs',
  applyMerge: 'Apply the merge',
  cancel: 'Cancel',
  missingRow: '(no such row)',
  emptyText: '(empty)',
  differs: (fields: string) => `differs in: ${fields}`,
  fieldNames: {
    text: 'text',
    timing: 'timing',
    speaker: 'speaker',
    note: 'note',
    presence: 'presence',
  } as Record<string, string>,
  // checks
  checksHeading: 'Checks',
  checksCount: (errors: number, warnings: number) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  checksClean: 'No problems: every rule of npm run check passes.',
  checksMore: (count: number) => `…and ${count} more.`,
  jumpTo: (id: string) => `Go to ${id}`,
  why: 'Why:',
  // progress
  progressHeading: 'Progress',
  progressRows: (done: number, total: number) => `${done} of ${total} rows translated`,
  progressTime: (percent: number) => `${percent}% of the spoken time`,
  progressLabel: 'Translation progress',
  // find and replace
  findHeading: 'Find and replace (translations only)',
  findLabel: 'Find',
  replaceLabel: 'Replace with',
  matchCase: 'Match case',
  findNext: 'Find next',
  replaceOne: 'Replace',
  replaceAll: 'Replace all',
  matches: (count: number, rows: number) =>
    count === 0
      ? 'No match.'
      : `${count} match${count === 1 ? '' : 'es'} in ${rows} row${rows === 1 ? '' : 's'}.`,
  replaced: (count: number) => `Replaced ${count}.`,
  // import
  importHeading: 'Import from another tool',
  importLabel: 'Import an SRT or VTT file',
  importHelp:
    'Cues are matched to the source rows by time overlap (and by id in a WebVTT file). Nothing changes until you apply.',
  importReview: (file: string, count: number) =>
    `${file}: ${count} row${count === 1 ? '' : 's'} would get imported text. Untick the ones to leave as they are.`,
  importUse: (id: string) => `Use the imported text for ${id}`,
  importApply: (count: number) => `Apply ${count} row${count === 1 ? '' : 's'}`,
  importUnmatched: (count: number) =>
    `${count} imported cue${count === 1 ? '' : 's'} overlap${count === 1 ? 's' : ''} no source row and ${count === 1 ? 'is' : 'are'} left out:`,
  importFileProblems: (count: number) =>
    `${count} problem${count === 1 ? '' : 's'} reading the file (the rest was read):`,
  importNothing: 'No cue of this file overlaps a source row.',
  importCurrent: 'Now',
  importIncoming: 'Imported',
  importMatchedBy: (kind: 'id' | 'time', percent: number) =>
    kind === 'id' ? 'matched by id' : `matched by time (${percent}% overlap)`,
  importApplied: (count: number) =>
    `Imported ${count} row${count === 1 ? '' : 's'}. Undo takes it back.`,
  // start a translation
  startHeading: 'Start a translation',
  startHelp:
    'Creates the files of a new language from the source: the same rows, timings and speakers, with empty text. Empty rows are warnings, so you can save and commit a half-done translation.',
  langLabel: 'Language tag (BCP 47)',
  langHint: 'e.g. fr, es-419, pt-BR, zh-Hant',
  labelLabel: 'Name of the language, as its speakers write it',
  labelHint: 'e.g. Français, Español, Português (Brasil)',
  startButton: 'Start the translation',
  starting: 'Creating the files…',
  badTag: (tag: string) => `“${tag}” is not a well-formed BCP 47 tag: try “fr”, “pt-BR”.`,
  existingTag: (label: string) => `This episode already has ${label}.`,
  noTrackYet: (lang: string) => `This episode has no “${lang}” translation yet.`,
  startNeedsServer:
    'Starting a translation writes files: run npm start (or npm run preview) on your computer and open this page there.',
  // shortcuts
  shortcutsHeading: 'Keyboard shortcuts',
  shortcuts: [
    ['Enter or Tab', 'next row'],
    ['Shift+Tab', 'previous row'],
    ['Shift+Enter', 'new line inside the row'],
    ['Alt+P', "play the row's cue (stops at its end)"],
    ['Alt+R', "replay the row's cue from its start"],
    ['Alt+L', "loop the row's cue (again: stop)"],
    ['Alt+← / Alt+→', 'start 100 ms earlier / later'],
    ['Alt+Shift+← / Alt+Shift+→', 'end 100 ms earlier / later'],
    ['Alt+Shift+↑ / Alt+Shift+↓', 'select rows for re-aligning (Shift+↑/↓ on a row, Shift-click)'],
    ['Alt+N', 'note for the reviewer'],
    ['Ctrl+Z', 'undo (across rows)'],
    ['Ctrl+Shift+Z or Ctrl+Y', 'redo'],
    ['Ctrl+F', 'find and replace in the translations'],
    ['Ctrl+S', 'save (or download)'],
    ['Escape', 'leave the text box'],
  ] as ReadonlyArray<readonly [string, string]>,
  macNote: 'On a Mac, Cmd works for Ctrl.',
  backToNow: 'Back to the spoken row',
  // timing: the waveform, tap to time, re-aligning
  waveformHeading: 'Timing',
  waveformStartOf: CONTRACT_NAMES.startOf,
  waveformEndOf: CONTRACT_NAMES.endOf,
  waveformZoomIn: 'Zoom in',
  waveformZoomOut: 'Zoom out',
  waveformSpan: (seconds: number) =>
    seconds < 60 ? `${seconds} s shown` : `${Math.round((seconds / 60) * 10) / 10} min shown`,
  waveformSnap: 'Snap edges to speech (hold Alt to drag freely)',
  waveformReadOnly: 'Timings belong to the source language: its cues are shown here, read-only.',
  waveformLocked: 'Tick “Edit the source language” to move cue edges.',
  waveformMissing:
    'No waveform for this episode yet: run `npm run waveform` to make one. Cue edges work without it, but do not snap.',
  waveformFailed: (message: string) => `The waveform could not be loaded (${message}).`,
  tapSpeed: 'Tap speed',
  tapDelay: 'Reaction delay (ms)',
  tapHint: (row: string) =>
    `Tap ↓ as each row starts; the next tap sets ${row}. The delay is taken off each tap and the start snaps to the nearest speech onset.`,
  tapDone: 'Every row after the first tapped one has been timed.',
  realignNeedsServer:
    'Re-aligning runs the aligner on the project’s server: open this workspace through `npm start` (or `npm run preview`).',
  realignLocked: 'Tick “Edit the source language” to re-align rows.',
  realignSelection: (from: string, to: string, count: number) =>
    count === 1 ? `Selected: ${from}.` : `Selected: ${from} to ${to} (${count} rows).`,
  realignRegion: (start: string, end: string) => `Region ${start}–${end} s.`,
  realignNothing: 'No rows in that region.',
  realignHint:
    'Shift-click rows, Shift+↑/↓ on a row (Alt+Shift+↑/↓ in its text box) or drag across the waveform to select; nothing selected re-aligns the current row.',
  realignRunning: (rows: string) => `Re-aligning ${rows}…`,
  realignDone: (rows: string, seconds: string) =>
    `Re-aligned ${rows} in ${seconds} s (Undo takes it back).`,
  realignFailed: (message: string) => `Could not re-align: ${message}`,
  wordsRetimed: (id: string) => `The words of ${id} were timed again inside its new edges.`,
  wordsRetimingFailed: (id: string, message: string) =>
    `The words of ${id} could not be timed again (${message}); the ones outside its edges were dropped.`,
};

export type TranslatorText = typeof englishText;

const koreanText: TranslatorText = {
  ...englishText,
  workspaceTitle: (title, label) => `“${title}” ${label} 번역`,
  sourceWorkspaceTitle: (title, label) => `“${title}”의 ${label} 원문`,
  loadingFiles: '자막 파일을 불러오는 중…',
  filesFailed: '자막 파일을 불러오지 못했습니다.',
  watchLink: '이 언어로 보기',
  otherLanguages: '다른 언어',
  rowsHeading: '대본 행',
  chaptersHeading: '질문(챕터)',
  sourceColumn: (label) => `원문(${label})`,
  sourceLanguage: '원문 언어',
  speakerOf: (id) => `${id}의 화자`,
  playRow: (id) => `${id} 재생`,
  loopRow: (id) => `${id} 반복`,
  noteFor: (id) => `${id} 메모`,
  addNote: '메모 추가',
  addNoteFor: (id) => `${id}에 메모 추가`,
  notInSource: '원문에 없는 id입니다. 어느 행과도 맞춰지지 않습니다.',
  markupOf: (id) => `${id} 마크업`,
  showMarkupOf: (id) => `${id} 마크업 보기`,
  markupHint:
    'WebVTT 태그: <i>, <b>, <u>, <c.class>, <lang xx>, <ruby>…<rt>…</rt></ruby>, 단어 시각 <00:01.500>. 태그를 시작하지 않는 &와 <는 글자입니다.',
  markupVoices: '이 행은 마크업 안에서 화자를 밝힙니다. 화자 메뉴나 텍스트 편집기에서 바꾸세요.',
  removeRow: (id) => `${id} 삭제`,
  splitRow: (id) => `${id}를 커서 위치에서 나누기`,
  mergeRow: (id) => `${id}를 다음 행과 합치기`,
  startEarlier: (id) => `${id} 시작 100ms 앞당기기`,
  startLater: (id) => `${id} 시작 100ms 늦추기`,
  endEarlier: (id) => `${id} 끝 100ms 앞당기기`,
  endLater: (id) => `${id} 끝 100ms 늦추기`,
  looping: (id) => `${id} 반복 중`,
  stopLoop: '반복 멈추기',
  sourceLocked: '원문 언어입니다. 타이밍의 기준이며 모든 번역이 이 id를 따릅니다. 읽기 전용입니다.',
  unlockSource: '원문 편집하기',
  unlockConfirm:
    '여기서 바꾸면 모든 번역의 검사 기준이 바뀌고, 행을 나누거나 합치면 id가 바뀝니다. 원문 잠금을 풀까요?',
  unlockYes: '잠금 풀기',
  unlockNo: '잠금 유지',
  unsaved: '저장하지 않은 변경(이 브라우저에 초안으로 보관 중)',
  allSaved: '모든 변경이 파일에 저장되었습니다.',
  saving: '저장 중…',
  savedAt: (time) => `${time}에 파일에 저장했습니다.`,
  nothingToSave: '저장할 것이 없습니다. 파일과 같습니다.',
  saveFailed: '저장이 거부되었습니다:',
  staticMode:
    '이곳에는 저장 API가 없습니다(공개된 사이트 사본). 파일을 내려받아 커밋하거나, npm start로 실행하면 바로 저장할 수 있습니다. 초안은 이 브라우저에 계속 보관됩니다.',
  downloadChapters: '질문 .vtt 내려받기',
  draftSavedAt: (time) => `${time}에 이 브라우저에 초안을 보관했습니다.`,
  draftsUnavailable:
    '이 브라우저는 초안을 보관할 수 없습니다(저장소 차단). 자주 저장하세요. 페이지를 닫으면 먼저 확인합니다.',
  addedRows: (count) =>
    `파일에 없던 원문 행 ${count}개를 빈 행으로 추가했습니다. 저장하면 기록됩니다.`,
  undo: '실행 취소',
  redo: '다시 실행',
  draftOffer: (time, rows) =>
    `${time}의 초안이 이 브라우저에 있습니다. 파일과 다른 행이 ${rows}개입니다.`,
  draftBlocksEditing: '편집하기 전에 초안을 복원하거나 버리세요.',
  draftRows: (ids) => (ids.length > 0 ? `행: ${ids.join(', ')}…` : ''),
  draftChoices: (count) =>
    `이 브라우저에 초안 ${count}개가 있습니다(이 언어를 작업한 탭마다 하나). 복원하거나 버릴 초안을 고르세요.`,
  draftChoice: (time, rows, own) =>
    `${time}, ${own ? '이 탭' : '다른 탭'}: 파일과 다른 행 ${rows}개.`,
  otherTabs: (count) =>
    `이 언어가 이 브라우저의 다른 탭 ${count}개에서도 열려 있습니다. 탭마다 초안을 따로 보관하며, 둘 다 저장하면 두 번째 저장은 감지되어 행마다 병합합니다.`,
  checkingDraft: '초안을 찾는 중…',
  draftOlderFile:
    '이 초안을 만든 뒤 디스크의 파일이 바뀌었습니다. 아래에서 행마다 남길 것을 고르세요.',
  changedOnDisk: (file) => `${file} changed on disk. (디스크의 파일이 바뀌었습니다.)`,
  changedOnDiskUnsaved: (file) =>
    `${file} changed on disk. 저장하지 않은 변경이 있으니 불러와서 두 버전을 행마다 비교하세요.`,
  loadFromDisk: '불러오기',
  keepWorking: '나중에',
  conflict: (file) =>
    `${file} changed on disk — 불러온 뒤 디스크의 파일이 바뀌어 아무것도 덮어쓰지 않았습니다. 행마다 남길 버전을 고른 뒤 다시 저장하세요.`,
  mergeHeading: (file) => `${file} 병합`,
  mergeRows: (count) => `다른 행 ${count}개.`,
  mergeNothing: '두 버전의 행이 같습니다. 적용하면 디스크의 파일에서 이어서 작업합니다.',
  mine: '내 버전',
  theirs: '디스크',
  keepMine: '내 것 유지',
  takeTheirs: '디스크 것 사용',
  allMine: '모두 내 것',
  allTheirs: '모두 디스크 것',
  applyMerge: '병합 적용',
  cancel: '취소',
  missingRow: '(행 없음)',
  emptyText: '(비어 있음)',
  differs: (fields) => `다른 점: ${fields}`,
  fieldNames: { text: '텍스트', timing: '타이밍', speaker: '화자', note: '메모', presence: '존재' },
  checksHeading: '검사',
  checksCount: (errors, warnings) => `오류 ${errors}개, 경고 ${warnings}개`,
  checksClean: '문제가 없습니다. npm run check의 모든 규칙을 통과합니다.',
  checksMore: (count) => `…외 ${count}개.`,
  jumpTo: (id) => `${id}로 이동`,
  why: '이유:',
  progressHeading: '진행률',
  progressRows: (done, total) => `${total}행 중 ${done}행 번역`,
  progressTime: (percent) => `말하는 시간의 ${percent}%`,
  progressLabel: '번역 진행률',
  findHeading: '찾아 바꾸기(번역문만)',
  findLabel: '찾기',
  replaceLabel: '바꿀 내용',
  matchCase: '대소문자 구분',
  findNext: '다음 찾기',
  replaceOne: '바꾸기',
  replaceAll: '모두 바꾸기',
  matches: (count, rows) =>
    count === 0 ? '일치하는 것이 없습니다.' : `${rows}개 행에서 ${count}개 일치.`,
  replaced: (count) => `${count}개를 바꿨습니다.`,
  importHeading: '다른 도구에서 가져오기',
  importLabel: 'SRT 또는 VTT 파일 가져오기',
  importHelp:
    '자막은 시간이 겹치는 원문 행에 맞춰집니다(WebVTT 파일은 id로도). 적용하기 전에는 아무것도 바뀌지 않습니다.',
  importReview: (file, count) =>
    `${file}: ${count}개 행에 가져온 텍스트가 들어갑니다. 그대로 둘 행은 선택을 해제하세요.`,
  importUse: (id) => `${id}에 가져온 텍스트 사용`,
  importApply: (count) => `${count}개 행 적용`,
  importUnmatched: (count) => `가져온 자막 ${count}개는 겹치는 원문 행이 없어 제외됩니다:`,
  importFileProblems: (count) =>
    `파일을 읽으며 문제 ${count}개를 발견했습니다(나머지는 읽었습니다):`,
  importNothing: '이 파일의 자막 중 원문 행과 겹치는 것이 없습니다.',
  importCurrent: '현재',
  importIncoming: '가져온 것',
  importMatchedBy: (kind, percent) =>
    kind === 'id' ? 'id로 맞춤' : `시간으로 맞춤(${percent}% 겹침)`,
  importApplied: (count) => `${count}개 행을 가져왔습니다. 실행 취소로 되돌릴 수 있습니다.`,
  startHeading: '번역 시작하기',
  startHelp:
    '원문에서 새 언어의 파일을 만듭니다. 행, 타이밍, 화자는 같고 텍스트는 비어 있습니다. 빈 행은 경고일 뿐이라 절반만 번역해도 저장하고 커밋할 수 있습니다.',
  langLabel: '언어 태그(BCP 47)',
  langHint: '예: fr, es-419, pt-BR, zh-Hant',
  labelLabel: '그 언어로 쓴 언어 이름',
  labelHint: '예: Français, Español, Português (Brasil)',
  startButton: '번역 시작',
  starting: '파일을 만드는 중…',
  badTag: (tag) => `“${tag}”는 올바른 BCP 47 태그가 아닙니다. “fr”, “pt-BR”처럼 쓰세요.`,
  existingTag: (label) => `이 에피소드에는 이미 ${label}가 있습니다.`,
  noTrackYet: (lang) => `이 에피소드에는 아직 “${lang}” 번역이 없습니다.`,
  startNeedsServer:
    '번역을 시작하면 파일을 씁니다. 컴퓨터에서 npm start(또는 npm run preview)를 실행하고 그곳에서 이 페이지를 여세요.',
  shortcutsHeading: '단축키',
  shortcuts: [
    ['Enter 또는 Tab', '다음 행'],
    ['Shift+Tab', '이전 행'],
    ['Shift+Enter', '행 안에서 줄 바꿈'],
    ['Alt+P', '이 행의 자막 재생(끝에서 멈춤)'],
    ['Alt+R', '이 행의 자막을 처음부터 다시 재생'],
    ['Alt+L', '이 행의 자막 반복(다시 누르면 멈춤)'],
    ['Alt+← / Alt+→', '시작을 100ms 앞당기기 / 늦추기'],
    ['Alt+Shift+← / Alt+Shift+→', '끝을 100ms 앞당기기 / 늦추기'],
    ['Alt+Shift+↑ / Alt+Shift+↓', '다시 맞출 행 선택(행에서 Shift+↑/↓, Shift+클릭)'],
    ['Alt+N', '검토자를 위한 메모'],
    ['Ctrl+Z', '실행 취소(행을 넘어)'],
    ['Ctrl+Shift+Z 또는 Ctrl+Y', '다시 실행'],
    ['Ctrl+F', '번역문에서 찾아 바꾸기'],
    ['Ctrl+S', '저장(또는 내려받기)'],
    ['Escape', '입력란에서 나가기'],
  ],
  macNote: 'Mac에서는 Ctrl 대신 Cmd를 씁니다.',
  backToNow: '말하는 행으로',
  waveformHeading: '타이밍',
  waveformStartOf: CONTRACT_NAMES.startOf,
  waveformEndOf: CONTRACT_NAMES.endOf,
  waveformZoomIn: '확대',
  waveformZoomOut: '축소',
  waveformSpan: (seconds: number) =>
    seconds < 60 ? `${seconds}초 표시` : `${Math.round((seconds / 60) * 10) / 10}분 표시`,
  waveformSnap: '가장자리를 말소리에 맞추기(Alt를 누르면 자유롭게)',
  waveformReadOnly: '타이밍은 원문 언어의 것입니다. 원문 큐를 읽기 전용으로 보여 줍니다.',
  waveformLocked: '큐 가장자리를 옮기려면 “원문 편집하기”를 선택하세요.',
  waveformMissing:
    '이 에피소드의 파형이 아직 없습니다. `npm run waveform`으로 만드세요. 가장자리는 움직이지만 말소리에 맞추지는 않습니다.',
  waveformFailed: (message: string) => `파형을 불러오지 못했습니다(${message}).`,
  tapSpeed: '탭 속도',
  tapDelay: '반응 지연(ms)',
  tapHint: (row: string) =>
    `각 행이 시작될 때 ↓를 누르세요. 다음 탭은 ${row}의 시작입니다. 지연만큼 앞당기고 가장 가까운 말소리 시작에 맞춥니다.`,
  tapDone: '첫 행부터 끝까지 모두 탭했습니다.',
  realignNeedsServer:
    '다시 맞추기는 프로젝트 서버에서 정렬기를 실행합니다. `npm start`(또는 `npm run preview`)로 이 작업 공간을 여세요.',
  realignLocked: '행을 다시 맞추려면 “원문 편집하기”를 선택하세요.',
  realignSelection: (from: string, to: string, count: number) =>
    count === 1 ? `선택: ${from}.` : `선택: ${from}부터 ${to}까지(${count}행).`,
  realignRegion: (start: string, end: string) => `구간 ${start}–${end}초.`,
  realignNothing: '그 구간에는 행이 없습니다.',
  realignHint:
    '행을 Shift+클릭하거나, 행에서 Shift+↑/↓(글상자에서는 Alt+Shift+↑/↓)를 누르거나, 파형을 가로질러 끌어 선택하세요. 선택이 없으면 현재 행을 다시 맞춥니다.',
  realignRunning: (rows: string) => `${rows} 다시 맞추는 중…`,
  realignDone: (rows: string, seconds: string) =>
    `${rows}을(를) ${seconds}초 만에 다시 맞췄습니다(실행 취소로 되돌릴 수 있습니다).`,
  realignFailed: (message: string) => `다시 맞추지 못했습니다: ${message}`,
  wordsRetimed: (id: string) => `${id}의 단어 시간을 새 가장자리 안에서 다시 맞췄습니다.`,
  wordsRetimingFailed: (id: string, message: string) =>
    `${id}의 단어 시간을 다시 맞추지 못했습니다(${message}). 가장자리 밖의 단어 시간은 지웠습니다.`,
};

/** Why each rule matters, shown under its finding. */
const englishWhy: Record<RuleId, string> = {
  schema: 'The player cannot load an episode whose episode.json breaks the format.',
  'unreadable-file': 'A file the player cannot read shows nothing.',
  'webvtt-syntax': 'Players drop or cut cues they cannot parse.',
  'missing-id': 'Ids align the languages; a cue without one cannot be matched.',
  'duplicate-id': 'Two cues with one id cannot both be aligned or linked to.',
  'missing-speaker': 'The transcript must say who speaks first.',
  'unknown-speaker': 'A speaker not in the cast shows no name or portrait.',
  'raw-ampersand': 'A raw & is an escape error in WebVTT.',
  'raw-less-than': 'A raw < starts a tag and hides the rest of the cue.',
  'missing-translation': 'Every source row needs its row here, even empty, to stay aligned.',
  'extra-translation': 'A row the source lacks aligns with nothing and shows at the wrong time.',
  'chapter-overlap': 'Only one question can be current at a time.',
  'reading-speed': 'Viewers must read while watching; faster than this, they miss words.',
  'line-length': 'Longer lines do not fit the screen and are hard to take in at a glance.',
  'line-count': 'More than two lines cover the picture and cannot be read in time.',
  duration: 'Too short and a cue flashes by; too long and it outstays the speech.',
  gap: 'Cues closer than 2 frames blur into one; small gaps flicker.',
  'cue-overlap': 'Overlapping cues show at once and compete for the viewer.',
  'timing-drift': "The source's timings follow the speech; a drifting cue shows at the wrong time.",
  'speaker-changed':
    "The speaker comes from the source: a different one misattributes someone's words.",
  untranslated: 'Empty rows show no caption in this language.',
};

const koreanWhy: Record<RuleId, string> = {
  schema: 'episode.json 형식이 깨지면 플레이어가 에피소드를 불러올 수 없습니다.',
  'unreadable-file': '읽을 수 없는 파일은 아무것도 보여 주지 않습니다.',
  'webvtt-syntax': '플레이어는 해석할 수 없는 자막을 버리거나 자릅니다.',
  'missing-id': 'id가 언어를 맞춥니다. id가 없으면 맞출 수 없습니다.',
  'duplicate-id': '같은 id가 둘이면 어느 쪽도 맞추거나 연결할 수 없습니다.',
  'missing-speaker': '대본은 처음 누가 말하는지 밝혀야 합니다.',
  'unknown-speaker': '출연자 목록에 없는 화자는 이름과 사진이 표시되지 않습니다.',
  'raw-ampersand': 'WebVTT에서 그냥 쓴 &는 이스케이프 오류입니다.',
  'raw-less-than': '그냥 쓴 <는 태그를 시작해 자막의 나머지를 숨깁니다.',
  'missing-translation': '원문의 모든 행은 비어 있더라도 여기에 있어야 맞춰집니다.',
  'extra-translation': '원문에 없는 행은 맞춰지지 않고 엉뚱한 때 나옵니다.',
  'chapter-overlap': '현재 질문은 한 번에 하나뿐입니다.',
  'reading-speed': '시청자는 보면서 읽어야 합니다. 이보다 빠르면 놓칩니다.',
  'line-length': '긴 줄은 화면에 맞지 않고 한눈에 읽기 어렵습니다.',
  'line-count': '두 줄이 넘으면 화면을 가리고 제때 읽을 수 없습니다.',
  duration: '너무 짧으면 스쳐 지나가고, 너무 길면 말보다 오래 남습니다.',
  gap: '2프레임보다 가까운 자막은 하나로 보이고, 작은 틈은 깜박입니다.',
  'cue-overlap': '겹치는 자막은 동시에 나와 시선을 다툽니다.',
  'timing-drift': '원문의 타이밍은 말에 맞춰져 있습니다. 어긋난 자막은 엉뚱한 때 나옵니다.',
  'speaker-changed': '화자는 원문에서 옵니다. 다른 화자는 말한 사람을 잘못 알립니다.',
  untranslated: '빈 행은 이 언어로 자막을 보여 주지 않습니다.',
};

/** The workspace's text in the interface language. */
export function useTranslatorText(): TranslatorText {
  return useI18n().language === 'ko' ? koreanText : englishText;
}

/** Why a rule matters, in the interface language. */
export function useRuleReasons(): Record<RuleId, string> {
  return useI18n().language === 'ko' ? koreanWhy : englishWhy;
}
