/** `geosim schema`: the JSON Schema of the scenario format, for editors (docs/scenario.schema.json). */
import { scenarioJsonSchemaText } from '../../scenario/json-schema.js';
import { EXIT_OK, type Command } from '../command.js';

export const schema: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of the scenario format (for editor autocompletion)',
  usage: ['geosim schema'],
  options: {},
  positionals: { min: 0, max: 0, name: '' },
  examples: [{ command: 'geosim schema > docs/scenario.schema.json', note: 'Regenerate the schema file (npm run schema).' }],
  async run(_args, io) {
    const text = scenarioJsonSchemaText();
    io.out(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT_OK;
  },
};
