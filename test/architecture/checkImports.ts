// Checks a set of source files against the import rules and for cycles; the architecture test runs it on
// the repository and, as a control, on a few fake files that break the rules on purpose.
import { findCycles } from './findCycles.ts';
import { forbiddenBy, type ImportRule } from './importRules.ts';
import { readImports } from './readImports.ts';
import { resolveImport } from './resolveImport.ts';

export interface ImportViolations {
  /** `coordinator/x.ts imports participant/y.ts: coordinator/ never imports participant/` */
  readonly forbidden: string[];
  /** Relative imports that name no file, which would otherwise escape every rule. */
  readonly unresolved: string[];
  /** `a.ts -> b.ts -> a.ts` */
  readonly cycles: string[];
}

/**
 * `sources` maps each checked file's repository path to its text; `known` is every file in the repository,
 * so an import of a file outside the checked parts (a JSON artifact, a test helper) still resolves.
 */
export function checkImports(
  sources: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
  rules: readonly ImportRule[],
): ImportViolations {
  const violations: ImportViolations = { forbidden: [], unresolved: [], cycles: [] };
  const graph = new Map<string, string[]>();
  for (const [file, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const imported = new Set<string>();
    for (const specifier of readImports(file, text)) {
      const target = resolveImport(file, specifier, known);
      if (target === null) violations.unresolved.push(`${file} imports ${specifier}, which is no file in the repository`);
      if (!target || imported.has(target)) continue;
      imported.add(target);
      const reason = forbiddenBy(rules, file, target);
      if (reason) violations.forbidden.push(`${file} imports ${target}: ${reason}`);
    }
    graph.set(file, [...imported].filter((target) => sources.has(target)));
  }
  violations.cycles.push(...findCycles(graph));
  return violations;
}
