import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import 'fake-indexeddb/auto';

afterEach(() => cleanup());

// jsdom lays nothing out and has no scrolling API; the panels call it, browsers have it.
if (typeof Element.prototype.scrollTo !== 'function') {
  Element.prototype.scrollTo = function scrollTo() {};
}
