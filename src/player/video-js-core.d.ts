// video.js ships types for its main entry only; `core` is the same API without HLS/DASH
// (75 kB instead of 202 kB gzipped), so it borrows those types.
declare module 'video.js/core.es.js' {
  import videojs from 'video.js';
  export default videojs;
}
