/** The names and bounds of geosim's own file formats, shared by their readers, writers and schemas. */

export const RUN_FORMAT = 'geosim-run/1';
export const SESSION_FORMAT = 'geosim-session/1';
/** Session files are small; anything bigger is not one. */
export const MAX_SESSION_FILE_BYTES = 4 * 1024 * 1024;
/** The most steps a branch of a session file may record (the engine's own bound on a run is far below). */
export const MAX_STEPS = 10_000;
