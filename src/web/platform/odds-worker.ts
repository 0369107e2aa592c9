/** Live odds in a Web Worker (issue 16): plays index ranges of a Monte Carlo ensemble, as src/mc/worker.ts does. */
export {};
