/**
 * The embed's and the Share / Embed dialog's text in the two interface languages, without React:
 * the pre-rendered embed page (src/server/embed-page.ts) writes the English text into its HTML.
 */
export const englishEmbedMessages = {
  watchOnRedBox: 'Watch on Red Box Player',
  embedCredits: 'The Red Box by LiNK (Liberty in North Korea)',
  aboutMedia: 'About this video',
  dismiss: 'Dismiss',
  speakersRow: 'All speakers (scroll sideways)',
  shareButton: 'Share / Embed',
  shareTitle: 'Share or embed this episode',
  shareLinkLabel: 'Link to this moment',
  shareLinkHint: (time: string) => `Opens the episode at ${time}.`,
  embedCodeLabel: 'Embed code',
  embedCodeHint:
    'Paste it into any web page. The player is responsive, sets no cookies and reports its cues, speakers and questions to your page.',
  embedDocs: 'Embedding guide and script API',
  copyLink: 'Copy link',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Select the text and copy it (the browser refused)',
  close: 'Close',
};

export type EmbedMessages = typeof englishEmbedMessages;

export const koreanEmbedMessages: EmbedMessages = {
  watchOnRedBox: 'Red Box Player에서 보기',
  embedCredits: 'LiNK(Liberty in North Korea)의 The Red Box',
  aboutMedia: '이 영상에 대해',
  dismiss: '닫기',
  speakersRow: '모든 화자(옆으로 스크롤)',
  shareButton: '공유 / 퍼가기',
  shareTitle: '이 에피소드 공유하기 또는 퍼가기',
  shareLinkLabel: '이 시점으로 연결되는 링크',
  shareLinkHint: (time: string) => `${time}부터 에피소드를 엽니다.`,
  embedCodeLabel: '퍼가기 코드',
  embedCodeHint:
    '웹 페이지에 붙여 넣으세요. 플레이어는 화면 크기에 맞춰지고, 쿠키를 쓰지 않으며, 자막·화자·질문을 페이지에 알려 줍니다.',
  embedDocs: '퍼가기 안내와 스크립트 API',
  copyLink: '링크 복사',
  copyCode: '코드 복사',
  copied: '복사됨',
  copyFailed: '텍스트를 선택해 복사하세요(브라우저가 거부했습니다)',
  close: '닫기',
};
