// Escape attempts: each must fail to compile with a FormulaError, and none may touch the JavaScript world.
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormulaError, type FormulaScope } from '../src/core/formula-types.js';
import { compileFormula } from '../src/core/formula.js';

const scope: FormulaScope = {
  assumptions: new Set(['k', 'a', 'b']),
  indicators: new Set(['oil_price']),
  actors: new Set(['KOR', 'RUS']),
  postures: new Map([['KOR', new Set(['calm'])]]),
  decisions: new Map([['supply_arms', new Set(['yes'])]]),
  events: new Set(['summit']),
};

/** [attempt, what the error message must contain] */
const attempts: [string, string][] = [
  ["constructor.constructor('return process')()", 'only the listed functions can be called'],
  ['constructor', "unknown name 'constructor'"],
  ['__proto__', "unknown name '__proto__'"],
  ['prototype', "unknown name 'prototype'"],
  ['toString', "unknown name 'toString'"],
  ['hasOwnProperty', "unknown name 'hasOwnProperty'"],
  ['valueOf', "unknown name 'valueOf'"],
  ['__defineGetter__', "unknown name '__defineGetter__'"],
  ['toString()', "unknown function 'toString'"],
  ['valueOf()', "unknown function 'valueOf'"],
  ['__proto__(1)', "unknown function '__proto__'"],
  ['a.__proto__.x = 1', 'assignment is not allowed'],
  ['a.__proto__', 'member access is not allowed'],
  ['k.constructor', 'member access is not allowed'],
  ['k?.constructor', 'member access is not allowed'],
  ['(k)["constructor"]', 'member access is not allowed'],
  ['this', "'this' is not allowed"],
  ['this.constructor', 'member access is not allowed'],
  ['[].constructor', 'member access is not allowed'],
  ['[1, 2]', 'array literals are not allowed'],
  ['({}).toString', "syntax error: unexpected '{'"],
  ['"x"', 'strings are not allowed'],
  ["'x'.length", 'member access is not allowed'],
  ['x = 1', 'assignment is not allowed'],
  ['k += 1', 'syntax error'],
  ['rel.call(null)', 'member access is not allowed'],
  ["rel['constructor']", 'member access is not allowed'],
  ['min.apply(null, [1])', 'member access is not allowed'],
  ["sqrt.constructor('return 1')()", 'only the listed functions can be called'],
  ['process.exit()', 'member access is not allowed'],
  ['process', "unknown name 'process'"],
  ['globalThis', "unknown name 'globalThis'"],
  ['global', "unknown name 'global'"],
  ['arguments', "unknown name 'arguments'"],
  ["require('fs')", "unknown function 'require'"],
  ["import('fs')", "unknown function 'import'"],
  ["eval('1')", "unknown function 'eval'"],
  ["Function('return 1')()", 'only the listed functions can be called'],
  ["Function('return 1')", "unknown function 'Function'"],
  ['setTimeout(k)', "unknown function 'setTimeout'"],
  ['Math.max(1)', 'member access is not allowed'],
  ['new Date()', 'syntax error: expected an operator'],
  ["new Function('x')", 'syntax error: expected an operator'],
  ['`x`', 'template literals are not allowed'],
  ['`${process.exit()}`', 'template literals are not allowed'],
  ['a, b', "syntax error: unexpected ','"],
  ['(a, b)', "syntax error: unexpected ','"],
  ['k; process.exit()', "syntax error: unexpected ';'"],
  ['\\u0063onstructor', "syntax error: unexpected '\\'"],
  ['1..constructor', "syntax error: unexpected '.'"],
  // Ids are checked against the scope's Sets and Maps, not objects: prototype names are not ids either.
  ['rel(constructor, __proto__)', "unknown actor 'constructor'"],
  ['posture(KOR, __proto__)', "unknown posture '__proto__' of KOR"],
  ['chosen(toString, valueOf)', "unknown decision 'toString'"],
  ['chosen(supply_arms, constructor)', "unknown option 'constructor' of decision 'supply_arms'"],
  ['happened(hasOwnProperty)', "unknown event 'hasOwnProperty'"],
  [`${'('.repeat(10_000)}1${')'.repeat(10_000)}`, 'formula is too long (20001 characters; at most 2000)'],
  [`${'('.repeat(990)}constructor${')'.repeat(990)}`, "unknown name 'constructor'"],
  [`${'-'.repeat(1_000)}k`, 'formula is nested too deeply'],
  [`k + ${'1'.repeat(100_000)}`, 'formula is too long'],
];

describe('escape attempts', () => {
  const snapshot = (o: object): string =>
    JSON.stringify(
      Reflect.ownKeys(o).map((key) => {
        const d = Object.getOwnPropertyDescriptor(o, key);
        return [String(key), typeof d?.value, d?.get === undefined, d?.writable, d?.configurable];
      }),
    );
  let objectProto = '';
  let functionProto = '';
  let globals: string[] = [];
  beforeAll(() => {
    objectProto = snapshot(Object.prototype);
    functionProto = snapshot(Function.prototype);
    globals = Reflect.ownKeys(globalThis).map(String);
  });

  it('has a catalogue of at least 20 attempts', () => {
    expect(attempts.length).toBeGreaterThanOrEqual(20);
  });

  it.each(attempts.map(([src, message]) => [src.length > 60 ? `${src.slice(0, 40)}… (${src.length} chars)` : src, src, message]))(
    '%s is rejected at compile time',
    (_label, src, message) => {
      let caught: unknown;
      try {
        compileFormula(src, scope);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FormulaError);
      const error = caught as FormulaError;
      expect(error.message).toContain(message);
      expect(error.message).not.toContain('\n');
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeLessThanOrEqual(Math.max(src.length + 1, 2001));
    },
  );

  // Declared after the attempts, so it runs after all of them (tests in a file run in order).
  it('left the prototypes and the global object untouched', () => {
    expect(snapshot(Object.prototype)).toBe(objectProto);
    expect(snapshot(Function.prototype)).toBe(functionProto);
    expect(Reflect.ownKeys(globalThis).map(String)).toEqual(globals);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('compiles without eval or the Function constructor', () => {
    const dir = new URL('../src/core/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /^formula.*\.ts$/.test(f));
    expect(files).toContain('formula.ts');
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/\beval\s*\(|\bFunction\s*\(|new\s+Function\b/);
    }
  });
});
