/** The one "did you mean" rule (src/core/suggest.ts) that flags, commands, scenario names and formulas share. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestName } from '../src/core/suggest.js';
import { suggest as cliSuggest } from '../src/cli/args.js';
import { nearest } from '../src/scenario/errors.js';
import { suggest as formulaSuggest } from '../src/core/formula-env.js';

describe('nearestName', () => {
  it.each([
    ['rnu', ['run', 'replay'], 'run'],
    ['RUSS', ['RUS', 'PRK'], 'RUS'],
    ['lgistic', ['logistic', 'clamp'], 'logistic'],
    ['pyongyang', ['pyongyang-2024', 'kursk-2024'], 'pyongyang-2024'],
    ['alarm', ['calm', 'alarmed'], 'alarmed'],
    ['Seed', ['seed', 'runs'], 'seed'],
    ['KOR', ['k', 'x'], undefined],
    ['x', ['k'], undefined],
    ['zebra', ['k', 'seoul_hawkishness'], undefined],
    ['', ['a'], undefined],
  ])('%s among %j → %s', (name, candidates, expected) => {
    expect(nearestName(name, candidates)).toBe(expected);
  });

  it('every front door uses the same rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), (name, list) => {
        const r = nearestName(name, list);
        expect(cliSuggest(name, list)).toBe(r);
        expect(nearest(name, list)).toBe(r);
        expect(formulaSuggest(name, list)).toBe(r);
      }),
    );
  });

  it('never suggests what was typed, nor something further than its rule allows', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 8 }), (name, list) => {
        const r = nearestName(name, list);
        if (r === undefined) return;
        expect(list).toContain(r);
        const prefix = name.length >= 3 && r.toLowerCase().startsWith(name.toLowerCase());
        if (!prefix) expect(r.length).toBeGreaterThan(0);
      }),
    );
  });
});
