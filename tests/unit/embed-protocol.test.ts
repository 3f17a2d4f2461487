import { describe, expect, it } from 'vitest';
import {
  envelope,
  readCommand,
  readEnvelope,
  type Envelope,
} from '../../src/features/embed/embed-protocol.ts';

const command = (name: string, payload: Record<string, unknown> = {}): Envelope =>
  envelope('rb1abc', 'command', name, payload, 7);

describe(readEnvelope.name, () => {
  it('reads a well-formed envelope', () => {
    const message = command('seek', { seconds: 3 });
    expect(readEnvelope(structuredClone(message))).toEqual(message);
    expect(readEnvelope(envelope('p', 'event', 'ready', {}))).toEqual({
      ns: 'redbox',
      v: 1,
      player: 'p',
      kind: 'event',
      name: 'ready',
      payload: {},
    });
  });

  it.each([
    ['null', null],
    ['a string', 'seek'],
    ['a number', 42],
    ['an array', [command('play')]],
    ['another namespace', { ...command('play'), ns: 'other' }],
    ['another version', { ...command('play'), v: 2 }],
    ['a player name with markup', { ...command('play'), player: '<img onerror=x>' }],
    ['an empty player name', { ...command('play'), player: '' }],
    ['an unknown kind', { ...command('play'), kind: 'request' }],
    ['a name that is not text', { ...command('play'), name: 5 }],
    ['a very long name', { ...command('play'), name: 'x'.repeat(100) }],
    ['a negative id', { ...command('play'), id: -1 }],
    ['a fractional id', { ...command('play'), id: 1.5 }],
    ['a text id', { ...command('play'), id: '1' }],
    ['no payload', { ...command('play'), payload: undefined }],
    ['a list as payload', { ...command('play'), payload: [] }],
    ['a date as payload', { ...command('play'), payload: new Date() }],
    [
      'a class instance',
      new (class {
        ns = 'redbox';
        v = 1;
        player = 'p';
        kind = 'event';
        name = 'x';
        payload = {};
      })(),
    ],
  ])('ignores %s without throwing', (_what, data) => {
    expect(readEnvelope(data)).toBeNull();
  });
});

describe(readCommand.name, () => {
  it('reads each command with its argument', () => {
    expect(readCommand(command('play'))).toEqual({ name: 'play' });
    expect(readCommand(command('pause'))).toEqual({ name: 'pause' });
    expect(readCommand(command('getState'))).toEqual({ name: 'getState' });
    // listen keeps only the opt-in events it knows.
    expect(readCommand(command('listen', { events: ['wordchange', 'cuechange', 42] }))).toEqual({
      name: 'listen',
      events: ['wordchange'],
    });
    expect(readCommand(command('listen', { events: 'wordchange' }))).toEqual({
      problem: 'listen needs a list of event names',
    });
    expect(readCommand(command('seek', { seconds: 12.5 }))).toEqual({
      name: 'seek',
      seconds: 12.5,
    });
    expect(readCommand(command('seekToCue', { cueId: 'c010' }))).toEqual({
      name: 'seekToCue',
      cueId: 'c010',
    });
    expect(readCommand(command('setLanguage', { lang: 'ko' }))).toEqual({
      name: 'setLanguage',
      lang: 'ko',
    });
  });

  it.each([
    ['seek', { seconds: '12' }, /seek needs a number/],
    ['seek', { seconds: -1 }, /seek needs a number/],
    ['seek', { seconds: Infinity }, /seek needs a number/],
    ['seekToCue', {}, /needs a cue id/],
    ['seekToCue', { cueId: ' ' }, /needs a cue id/],
    ['seekToCue', { cueId: 'x'.repeat(500) }, /needs a cue id/],
    ['setLanguage', { lang: 3 }, /needs a language tag/],
    ['constructor', {}, /unknown command "constructor"/],
    ['__proto__', {}, /unknown command/],
  ])('refuses %s %j with a reason', (name, payload, reason) => {
    const result = readCommand(command(name, payload));
    expect('problem' in result && result.problem).toMatch(reason);
  });
});
