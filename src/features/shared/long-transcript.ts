/**
 * Where a transcript counts as long: the app's panel renders only the rows in view (Contract 3
 * keeps all lines in the page below 300); on the server the panel is rendered whole and laid out
 * only near the view (styles.css), and its page is not hydrated (src/server/served-root.ts). One
 * number for all, so they agree.
 */
export const VIRTUALIZE_FROM = 300;
