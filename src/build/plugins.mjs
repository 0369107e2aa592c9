// esbuild plugins of the build (bundle.mjs): the optional UI stub, React's production build only, and two
// checked shortcuts into ink's dependencies (each falls back to the file as it is when its text changed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The checkout the plugins read node_modules from (set by bundlePlugins). */
const ROOT = { dir: '' };

// The terminal UI (src/ui/main.tsx) is written separately and imported lazily by `geosim play`. Until it
// exists, resolve that import to a stub without `startUi`, and play falls back to the headless run.
const optionalUi = {
  name: 'optional-ui',
  setup(b) {
    b.onResolve({ filter: /(^|\/)ui\/main\.js$/ }, (args) => {
      const base = join(args.resolveDir, args.path.replace(/\.js$/, ''));
      if (existsSync(`${base}.tsx`) || existsSync(`${base}.ts`)) return undefined;
      return { path: 'ui-main-stub', namespace: 'geosim-stub' };
    });
    b.onLoad({ filter: /.*/, namespace: 'geosim-stub' }, () => ({ contents: 'export const startUi = undefined;\n', loader: 'js' }));
  },
};

// React, its reconciler and scheduler pick their build by `process.env.NODE_ENV` when first loaded, and `geosim
// play` sets it to production before loading them (src/ui/main.tsx). Left to itself the bundle would carry both
// builds (the development reconciler alone is ~550 kB that Node parses on every launch of the UI and never runs):
// their entry files are read with the choice already made, so only the production build is bundled.
const reactProduction = {
  name: 'react-production',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](react|react-reconciler|scheduler)[\\/][^\\/]+\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('process.env.NODE_ENV', '"production"'), loader: 'js' };
    });
  },
};

// ink turns every frame into text cell by cell with @alcalzone/ansi-tokenize's styledCharsToString, which diffs
// the styles of each cell against the previous one (three Sets and several arrays per cell, ~3,000 cells a frame)
// even when they are the same, as for nearly every cell. Most of a first frame's drawing time went there while
// the code was still cold. The diff of two equal style lists is always empty, so cells with the previous cell's
// styles skip it: the same text, byte for byte. If the file no longer has that function's text (another
// version), it is bundled as it is.
const STYLED_CHARS_TO_STRING = `export function styledCharsToString(chars) {
    let ret = "";
    for (let i = 0; i < chars.length; i++) {
        const char = chars[i];
        if (i === 0) {
            ret += ansiCodesToString(char.styles);
        }
        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`;
const inkFastDiff = {
  name: 'ink-fast-diff',
  setup(b) {
    b.onLoad({ filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(STYLED_CHARS_TO_STRING)) return { contents: text, loader: 'js', warnings: [{ text: 'ink-fast-diff: styledCharsToString changed; bundled unpatched' }] };
      const fast = STYLED_CHARS_TO_STRING.replace(
        'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
        'const prev = chars[i - 1].styles;\n            if (!sameCodes(prev, char.styles)) ret += ansiCodesToString(diffAnsiCodes(prev, char.styles));',
      );
      const sameCodes = `
function sameCodes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    return true;
}
`;
      return { contents: text.replace(STYLED_CHARS_TO_STRING, fast) + sameCodes, loader: 'js' };
    });
  },
};

// string-width (ink measures every line with it) counts printable ASCII by its length and everything else
// cluster by cluster, through Intl.Segmenter and regular expressions over Unicode properties (RGI emoji among
// them) that V8 compiles on first use: the UI's first frame, with its dashes, arrows and bars, paid tens of ms
// for that compile alone. The characters below are each one column wide and always a grapheme cluster of their
// own (none extends, joins or prepends to a neighbour), so a string made only of them and printable ASCII is
// as wide as it is long, the answer string-width itself gives. Both facts are checked here, with the very
// string-width and Intl.Segmenter being bundled, for every character before it joins the fast path.
const WIDTH_CANDIDATES = [
  [0xa0, 0x17f], // Latin-1 Supplement and Latin Extended-A
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, guillemets
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators
  [0x2500, 0x25ff], // box drawing, blocks, geometric shapes
  [0x2700, 0x27bf], // dingbats (check marks, crosses)
];
async function oneColumnClass() {
  const { default: stringWidth } = await import(pathToFileURL(join(ROOT.dir, 'node_modules', 'string-width', 'index.js')).href);
  const seg = new Intl.Segmenter();
  const apart = (text) => [...seg.segment(text)].length === 2;
  const ok = [];
  for (const [from, to] of WIDTH_CANDIDATES) {
    for (let cp = from; cp <= to; cp++) {
      const c = String.fromCharCode(cp);
      if (stringWidth(c) === 1 && stringWidth(`a${c}`) === 2 && apart(`a${c}`) && apart(`${c}a`) && apart(`${c}${c}`)) ok.push(cp);
    }
  }
  // As ranges of a regular expression class: \uXXXX-\uYYYY.
  const hex = (cp) => `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  let out = '';
  for (let i = 0; i < ok.length; i++) {
    let j = i;
    while (j + 1 < ok.length && ok[j + 1] === ok[j] + 1) j++;
    out += j > i ? `${hex(ok[i])}-${hex(ok[j])}` : hex(ok[i]);
    i = j;
  }
  return out;
}
const STRING_WIDTH_ASCII = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
const stringWidthFast = {
  name: 'string-width-fast',
  setup(b) {
    let cls;
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(STRING_WIDTH_ASCII) || !args.path.startsWith(join(ROOT.dir, 'node_modules', 'string-width'))) return { contents: text, loader: 'js' };
      cls ??= await oneColumnClass();
      return { contents: text.replace(STRING_WIDTH_ASCII, `if (/^[\\u0020-\\u007E${cls}]*$/.test(string)) {`), loader: 'js' };
    });
  },
};

/** The plugins, in the order esbuild runs them, for the checkout at `root`. */
export function bundlePlugins(root) {
  ROOT.dir = root;
  return [optionalUi, reactProduction, inkFastDiff, stringWidthFast];
}
