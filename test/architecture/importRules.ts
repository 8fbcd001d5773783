// The allowed imports between medfl's parts (DESIGN.md), as data: the architecture test enforces this table and
// checks that docs/architecture.md states it in the same words, so the two cannot drift apart silently.

/** The folders whose TypeScript the rules govern (`protos/` holds no TypeScript; `test/` may import anything). */
export const checkedParts = [
  'common',
  'contracts',
  'coordinator',
  'participant',
  'provision',
  'consortium',
  'datasets',
  'experiments',
  'inference',
  'cli',
] as const;

/**
 * `only`: the part may import its own files and these parts, nothing else in the repository.
 * `never`: the part may import anything but these parts.
 */
export type ImportRule =
  | { readonly part: string; readonly only: readonly string[] }
  | { readonly part: string; readonly never: readonly string[] };

export const importRules: readonly ImportRule[] = [
  { part: 'common', only: [] },
  { part: 'contracts', only: ['common'] },
  { part: 'coordinator', never: ['participant', 'datasets', 'consortium'] },
  { part: 'participant', never: ['coordinator'] },
];

const folder = (part: string): string => `\`${part}/\``;

function listed(parts: readonly string[]): string {
  const names = parts.map(folder);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The rule in DESIGN.md's words, e.g. "`coordinator/` never imports `participant/` or `datasets/`". */
export function describeRule(rule: ImportRule, markdown = true): string {
  let text: string;
  if ('never' in rule) text = `${folder(rule.part)} never imports ${listed(rule.never)}`;
  else if (rule.only.length === 0) text = `${folder(rule.part)} imports no other part`;
  else text = `${folder(rule.part)} imports only ${listed(rule.only)}`;
  return markdown ? text : text.replaceAll('`', '');
}

/** The whole table as the sentence docs/architecture.md carries (DESIGN.md says the same). */
export function describeImportRules(rules: readonly ImportRule[] = importRules): string {
  return `Allowed imports: ${rules.map((rule) => describeRule(rule)).join('; ')}. No import cycles.`;
}

/** The part a repository path belongs to: its first folder. */
export const partOf = (path: string): string => path.split('/')[0] ?? '';

/**
 * Why `from` may not import `to`, or undefined when it may. For a `never` rule the reason names only the
 * forbidden part that was hit, so a failure reads "coordinator/ never imports participant/".
 */
export function forbiddenBy(rules: readonly ImportRule[], from: string, to: string): string | undefined {
  const [source, target] = [partOf(from), partOf(to)];
  if (source === target) return undefined;
  for (const rule of rules) {
    if (rule.part !== source) continue;
    if ('only' in rule && !rule.only.includes(target)) return describeRule(rule, false);
    if ('never' in rule && rule.never.includes(target)) return describeRule({ part: source, never: [target] }, false);
  }
  return undefined;
}
