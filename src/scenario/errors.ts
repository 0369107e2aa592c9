/**
 * The one error type of the scenario loader. Every problem in a scenario file becomes one line:
 *
 *   FILE:LINE:COL: PATH: MESSAGE
 *
 * where MESSAGE says what is wrong, what was expected and what was found, and ends with
 * ` (did you mean 'x'?)` when a valid name is close to the one written.
 */
import { nearestName } from '../core/suggest.js';

export interface ScenarioErrorInit {
  readonly file: string;
  /** 1-based; 0 when the error has no position in a file (e.g. an unknown scenario id). */
  readonly line: number;
  readonly column: number;
  /** Where in the document, e.g. `timeline[3].decision.options[0].weight`; '' for the whole file. */
  readonly path: string;
  /** What is wrong, e.g. `unknown actor 'RUZ'`. */
  readonly problem?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly suggestion?: string;
}

export class ScenarioError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly problem: string | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly suggestion: string | undefined;
  /** Further errors found in the same pass, in file order (the first one is this error). */
  more: readonly ScenarioError[] = [];

  constructor(init: ScenarioErrorInit) {
    super('');
    this.name = 'ScenarioError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.path = init.path;
    this.problem = init.problem;
    this.expected = init.expected;
    this.found = init.found;
    this.suggestion = init.suggestion;
    this.message = this.format();
  }

  /** The message without file, position and path. */
  get detail(): string {
    const parts: string[] = [];
    if (this.problem) parts.push(this.problem);
    const ef = [this.expected && `expected ${this.expected}`, this.found !== undefined && `found ${this.found}`]
      .filter(Boolean)
      .join(', ');
    if (ef) parts.push(ef);
    let text = parts.join('; ');
    const lookalike = confusableIn(`${this.problem ?? ''} ${this.found ?? ''}`);
    if (lookalike) text += `; it contains ${lookalike}`;
    if (this.suggestion !== undefined) text += ` (did you mean '${this.suggestion}'?)`;
    return text.replace(/[\r\n]+/g, ' ');
  }

  /** One line: `FILE:LINE:COL: PATH: MESSAGE` (position and path are left out when unknown). */
  format(): string {
    const where = this.line > 0 ? `${this.file}:${this.line}:${this.column}` : this.file;
    return this.path ? `${where}: ${this.path}: ${this.detail}` : `${where}: ${this.detail}`;
  }
}

/** Characters that look like others or like nothing, named for messages: 'S' is not always an S. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  '\u00a0': 'a no-break space (U+00A0)',
  '\u00ad': 'a soft hyphen (U+00AD)',
  '\u200b': 'a zero-width space (U+200B)',
  '\u200c': 'a zero-width non-joiner (U+200C)',
  '\u200d': 'a zero-width joiner (U+200D)',
  '\u2060': 'a word joiner (U+2060)',
  '\ufeff': 'a zero-width no-break space (U+FEFF)',
};
const LOOKALIKE = /[\u0391-\u03c9\u0400-\u04ff]/;

/** Names the first invisible or look-alike character in `text` (Cyrillic Ѕ for Latin S, a zero-width space…). */
export function confusableIn(text: string): string | undefined {
  for (const ch of text) {
    const named = CONFUSABLE[ch];
    if (named) return named;
    if (LOOKALIKE.test(ch)) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const script = ch <= '\u03ff' ? 'Greek' : 'Cyrillic';
      const latin = ch.normalize('NFKD').replace(/[^\x20-\x7e]/g, '') || LATIN_TWIN[ch];
      return `the ${script} letter '${ch}' (${code})${latin ? `, not the Latin '${latin}'` : ''}`;
    }
  }
  return undefined;
}

/** Latin letters the common Cyrillic and Greek look-alikes stand in for. */
const LATIN_TWIN: Readonly<Record<string, string>> = Object.fromEntries(
  [...'АВЕКМНОРСТХЅІЈаеорсухѕіјΑΒΕΖΗΙΚΜΝΟΡΤΥΧο'].map((c, i) => [c, 'ABEKMHOPCTXSIJaeopcyxsijABEZHIKMNOPTYXo'[i] as string]),
);

/**
 * The valid name closest to `name`, when it is close enough to be a likely typo: at most a third of the
 * name's length in edits (at least one), compared case-insensitively.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  return nearestName(name, candidates);
}

/** `one of a, b, c` for short lists; a count for long ones. */
export function oneOf(candidates: readonly string[], what = 'names'): string {
  if (candidates.length === 0) return `a valid name (there are no ${what})`;
  if (candidates.length <= 10) return `one of ${candidates.join(', ')}`;
  return `one of the ${candidates.length} ${what}`;
}

/** Path segments → `timeline[3].decision.options[0].weight`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
