/**
 * The text of a new scenario file (`geosim new`): a copy of a scenario (the template by default) under a new
 * id, or a small commented starter for the actors given. Either way the first line points yaml-language-server
 * at the schema, by a path relative to where the file will be.
 */

export const SCENARIO_ID_RE = /^[a-z][a-z0-9_-]*$/;

/** `# yaml-language-server: $schema=PATH` */
export function schemaLine(relativeSchemaPath: string): string {
  return `# yaml-language-server: $schema=${relativeSchemaPath.replace(/\\/g, '/')}`;
}

/** A copy of `text` with the new id, a title to replace and the schema line first. */
export function copyScenario(text: string, id: string, schema: string): string {
  const lines = text.split('\n');
  if (/^# yaml-language-server:/.test(lines[0] ?? '')) lines.shift();
  let idDone = false;
  let titleDone = false;
  const out = lines.map((line) => {
    if (!idDone && /^id:/.test(line)) {
      idDone = true;
      return `id: ${id}`;
    }
    if (!titleDone && /^title:/.test(line)) {
      titleDone = true;
      return `title: "${id}: replace this title"`;
    }
    return line;
  });
  return `${schemaLine(schema)}\n${out.join('\n')}`;
}

const yamlText = (s: string) => JSON.stringify(s);

/** A small, valid, commented scenario for `actors` (2 to 12 actor ids), to be filled in. */
export function starterScenario(id: string, actors: readonly string[], schema: string, start: string): string {
  const [a = 'AAA', b = 'BBB'] = actors;
  const pairs: string[] = [];
  for (let i = 0; i < actors.length; i++) {
    for (let j = i + 1; j < actors.length; j++) {
      pairs.push(`  - { between: [${actors[i]}, ${actors[j]}], value: 0, why: "Replace: how they regard each other on ${start}", source: replace_me }`);
    }
  }
  return `${schemaLine(schema)}
# A new geosim scenario: replace every "Replace" and check the file after each edit with
#   geosim validate --watch THIS_FILE
# The format is described in docs/scenario-format.md (hover a key in an editor with the YAML extension to
# see what it means); scenarios/template.yaml shows every section with comments.
format: geosim/1
id: ${id}
title: ${yamlText(`${id}: replace this title`)}
summary: Replace with one paragraph saying what the scenario is about.
start: ${start}

# Every relation, event, option and prediction cites a source by id (or ¶N of an article, if you add one).
sources:
  replace_me: { title: "Replace: where the facts come from", url: "https://example.org/replace-me", reliability: W, date: ${start} }
  modeller: { title: "The modeller's judgement (say in each rationale where a number comes from)", url: "https://example.org/replace-me-notes", reliability: W, date: ${start} }

# The simulated actors: 2–4 capital letters each, in display order.
actors:
${actors.map((x) => `  ${x}: { name: ${x}, capital: ${x} }   # Replace: the name, and how the press names its government`).join('\n')}

bands:
  - { id: hostile, label: hostile, from: -100, symbol: "--", color: red }
  - { id: cold, label: cold, from: -50, symbol: "-", color: yellow }
  - { id: neutral, label: neutral, from: -15, symbol: "·", color: gray }
  - { id: cordial, label: cordial, from: 15, symbol: "+", color: cyan }
  - { id: aligned, label: aligned, from: 50, symbol: "++", color: green }

model:
  goldstein_scale: k_goldstein   # opinion points per Goldstein unit
  balance_strength: 0.25         # how much third parties react to A acting on B
  tension_scale: 1
  tension_initial: 30
  tension_fade_per_month: 1.5
  balance_threshold: 10
  fade: 6                        # default fade of event modifiers, points per year
  cascade_cap: 16

assumptions:
  k_goldstein:
    label: Opinion points per Goldstein unit
    default: 5
    min: 0
    max: 10
    step: 0.5
    unit: points
    description: Scales every opinion effect written without a value.
    rationale: "Replace: why this size (the shipped scenarios use about 5)."
    source: modeller
  ${a.toLowerCase()}_resolve:
    label: ${yamlText(`Replace: how firmly ${a} answers`)}
    default: 0.5
    min: 0
    max: 1
    step: 0.05
    unit: "0..1"
    description: Read by the weights of ${a}'s options below.
    rationale: "Replace: why 0.5."
    source: modeller

presets:
  article:
    label: Baseline
    description: The values above.
    values: {}

# Every pair of actors, both directions (write from:/to: to set one direction). A pair left out starts at 0
# and validate warns about it.
relations:
${pairs.join('\n')}

timeline:
  - id: first_event
    date: ${start}
    title: "Replace: what ${b} does"
    text: Replace with a paraphrase of what happened.
    source: replace_me
    cameo: "036"                 # express intent to meet or negotiate: Goldstein +4.0 (table in docs/scenario-format.md)
    actor: ${b}
    target: ${a}
    effects:
      - opinion: { between: [${a}, ${b}], fade: 6, note: "Replace: why the views move" }   # no value: goldstein × goldstein_scale

  - id: first_decision
    date: ${start}
    title: "Replace: ${a} decides"
    text: Replace with what is at stake.
    source: replace_me
    decision:
      actor: ${a}
      question: ${yamlText(`Replace: how does ${a} answer?`)}
      options:
        - id: engage
          label: Engage
          explain: Replace with why ${a} might engage.
          weight: "${a.toLowerCase()}_resolve"
          prediction: ${a.toLowerCase()}_engages
          source: replace_me
          effects:
            - opinion: { between: [${a}, ${b}], value: 10, fade: 4, note: "Replace: why" }
        - id: refuse
          label: Refuse
          explain: Replace with why ${a} might refuse.
          weight: "1 - ${a.toLowerCase()}_resolve"
          source: replace_me
          effects:
            - opinion: { from: ${b}, to: ${a}, value: -10, fade: 4, note: "Replace: why" }
            - tension: 3

predictions:
  - id: ${a.toLowerCase()}_engages
    claim: ${yamlText(`Replace: ${a} will engage.`)}
    source: replace_me
    holds: "chosen(first_decision, engage)"
    actual: { status: open, text: "Replace: what really happened, once known." }
`;
}
