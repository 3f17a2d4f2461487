import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../src/app/routes.ts';

describe(matchRoute.name, () => {
  it('knows the archive pages, also as static files and under a sub-path', () => {
    expect(matchRoute('/questions', '/')).toEqual({ name: 'questions' });
    expect(matchRoute('/red-box/search', '/red-box/')).toEqual({ name: 'search' });
    expect(matchRoute('/red-box/search.html', '/red-box/')).toEqual({ name: 'search' });
    expect(matchRoute('/questions/index.html', '/')).toEqual({ name: 'questions' });
    expect(matchRoute('/questions/x', '/')).toEqual({ name: 'not-found' });
  });
});
