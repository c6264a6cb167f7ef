import { describe, expect, it } from 'vitest';
import { createRateLimitedLogger } from './log';

function setup(maxKeys?: number) {
  let t = 1_000_000;
  const lines: string[] = [];
  const log = createRateLimitedLogger({ now: () => t, write: (l) => lines.push(l), maxKeys });
  return { log, lines, advance: (ms: number) => (t += ms) };
}

describe('createRateLimitedLogger', () => {
  it('logs a key at most once a minute and reports what it held back', () => {
    const { log, lines, advance } = setup();
    log.warn('malformed', 'skipped 1 malformed message');
    for (let i = 0; i < 500; i++) {
      advance(100);
      log.warn('malformed', 'skipped 2 malformed messages', 2);
    }
    expect(lines).toEqual(['skymap: skipped 1 malformed message']);
    advance(10_000);
    log.warn('malformed', 'skipped 1 malformed message');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'skymap: skipped 1 malformed message (+1000 more since the last report; logged at most once per 60 s)',
    );
  });

  it('limits keys independently', () => {
    const { log, lines } = setup();
    log.warn('a', 'first a');
    log.warn('b', 'first b');
    log.warn('a', 'second a');
    expect(lines).toEqual(['skymap: first a', 'skymap: first b']);
  });

  it('bounds the number of remembered keys', () => {
    const { log, lines } = setup(2);
    for (let i = 0; i < 1000; i++) log.warn(`key-${i}`, `message ${i}`);
    // Two real keys and one shared overflow bucket.
    expect(lines).toEqual(['skymap: message 0', 'skymap: message 1', 'skymap: message 2']);
  });
});
