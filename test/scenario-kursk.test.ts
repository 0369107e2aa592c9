import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ScenarioError } from '../src/scenario/errors.js';

describe('kursk scenario', () => {
  it('loads', () => {
    try {
      const s = loadScenarioFile('scenarios/kursk-2024.yaml');
      expect(s.id).toBe('kursk_2024');
    } catch (e) {
      if (e instanceof ScenarioError) throw new Error(e.format());
      throw e;
    }
  });
});
