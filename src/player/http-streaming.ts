/**
 * video.js's http-streaming (VHS): HLS through Media Source Extensions, for browsers without
 * native HLS. Imported only dynamically (its own chunk, about as large as video.js itself), and
 * only when an episode lists an HLS source and the browser needs it (src/core/media-sources.ts).
 *
 * Importing it registers its source handler with video.js's Html5 tech. It imports `video.js`;
 * vite.config.ts resolves that to the core build the adapter uses, so it registers on the same
 * video.js instead of bringing a second, full one.
 */
import '@videojs/http-streaming';
