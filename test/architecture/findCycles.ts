// Finds the import cycles in a graph of files and names each as its chain (`a.ts -> b.ts -> a.ts`).
// Listing every elementary cycle can explode combinatorially, so it lists enough cycles that every import
// lying on some cycle appears in one: each of those imports has to go (or be inverted) to break the cycles.

/** importer -> the files it imports (only files in the graph). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Tarjan's strongly connected components: the groups of files that all reach each other. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    lowest.set(file, index.size - 1);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) visit(next);
      if (stack.includes(next)) lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
    }
    if (lowest.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== file);
    components.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components;
}

/** The shortest chain of imports from `start` to `goal` that stays inside `within`, both ends included. */
function shortestPath(graph: ImportGraph, start: string, goal: string, within: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length && !cameFrom.has(goal); head++) {
    const file = queue[head]!;
    for (const next of [...(graph.get(file) ?? [])].sort()) {
      if (within.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  const path: string[] = [];
  for (let file: string | null | undefined = goal; file; file = cameFrom.get(file)) path.unshift(file);
  return path;
}

/** A cycle written from its alphabetically first file, so the same cycle always reads the same. */
function fromFirstFile(cycle: readonly string[]): string[] {
  const first = cycle.indexOf([...cycle].sort()[0]!);
  const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
  return [...rotated, rotated[0]!];
}

/** The cycles of `graph`, each as `a.ts -> b.ts -> a.ts`, covering every import that lies on a cycle. */
export function findCycles(graph: ImportGraph): string[] {
  const cycles = new Set<string>();
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    const covered = new Set<string>();
    for (const file of component) {
      for (const next of [...(graph.get(file) ?? [])].sort()) {
        if (!members.has(next) || covered.has(`${file} ${next}`)) continue;
        const cycle = [file, ...shortestPath(graph, next, file, members).slice(0, -1)];
        cycle.forEach((from, i) => covered.add(`${from} ${cycle[(i + 1) % cycle.length]}`));
        cycles.add(fromFirstFile(cycle).join(' -> '));
      }
    }
  }
  return [...cycles].sort();
}
