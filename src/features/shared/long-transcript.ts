/**
 * Where a transcript counts as long: the app's panel renders only the rows in view (Contract 3
 * keeps all lines in the page below 300), and the served panel lays out only its first screens
 * (served-transcript-panel.ts). One number for both, so they agree.
 */
export const VIRTUALIZE_FROM = 300;
