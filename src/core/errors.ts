/** An input the core cannot apply (unknown option, no decision pending…). Errors as data for front ends. */
export class SimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimError';
  }
}
