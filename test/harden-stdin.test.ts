// `geosim validate -` (added after #10's first pass) read standard input whole into memory and decoded it as
// UTF-8 whatever it was: `yes | geosim validate -` grew without bound, and a UTF-16 file piped in was not named.
// Standard input now stops at the loader's file size limit, and its bytes are checked as a file's are.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, cleanEnv, ensureBuilt, root } from './cli-helpers.js';
import { MAX_FILE_BYTES } from '../src/scenario/parse.js';

beforeAll(() => ensureBuilt(), 300_000);

const validate = (input: Buffer) => spawnSync(process.execPath, [bin, 'validate', '-'], { input, env: cleanEnv(), encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 20 });

describe('validate - (standard input)', () => {
  it('refuses more than the file size limit in one line, exit 2', () => {
    const r = validate(Buffer.alloc(MAX_FILE_BYTES + 4096, 'y\n'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`geosim: <stdin>:1:1: input too large; expected at most ${MAX_FILE_BYTES} bytes (16 MB), found more than ${MAX_FILE_BYTES} bytes\n`);
  });

  it('names UTF-16 as a file would be named', () => {
    const text = readFileSync(join(root, 'scenarios', 'template.yaml'), 'utf8');
    const r = validate(Buffer.from(`\ufeff${text}`, 'utf16le'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('geosim: <stdin>:1:1: the file is UTF-16; expected UTF-8 text: save it as UTF-8\n');
  });

  it('still accepts a scenario', () => {
    const r = validate(readFileSync(join(root, 'scenarios', 'template.yaml')));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok <stdin> \(template: /);
  });
});
