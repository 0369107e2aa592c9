/**
 * `npm run floors`: writes the honest floor of each scenario that has one (floor.ts's FLOORS) into
 * src/bench/floors/<id>.js and its declaration file, from scenarios/<id>.yaml as compiled today.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../scenario/load.js';
import { floorModule } from './floor-gen.js';

/** The scenarios (ids under scenarios/) whose floors are generated. */
export const FLOOR_SCENARIOS = ['pyongyang-2024', 'kursk-2024'] as const;

/** The text of each generated file, by path relative to `root` (the checkout). */
export function floorFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of FLOOR_SCENARIOS) {
    const from = `scenarios/${id}.yaml`;
    const { js, dts } = floorModule(loadScenarioFile(join(root, from)), from);
    out.set(`src/bench/floors/${id}.js`, js);
    out.set(`src/bench/floors/${id}.d.ts`, dts);
  }
  return out;
}

export function writeFloors(root: string, log: (line: string) => void): void {
  for (const [path, text] of floorFiles(root)) {
    writeFileSync(join(root, path), text);
    log(`wrote ${path}`);
  }
}
