/**
 * The errors of run files, session files and saves, in a module of their own so that the CLI's error handling can recognise
 * them without loading the run-file schema (zod) or the core.
 */

/** A run file that cannot be read, parsed or matched to its scenario. Bad input: exit 2. */
export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

/** A failure to write that is not the user's input (disk full, I/O error): exit 1 in the CLI. */
export class SaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveError';
  }
}

/** A session file that cannot be read, parsed or matched to its scenario. Bad input: exit 2. */
export class SessionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFileError';
  }
}
