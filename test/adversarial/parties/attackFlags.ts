// How a dishonest party is told its attack (`--attack NAME --attack-round N` before the medfl command's own flags),
// and how it tells the harness that the attack really happened (a stdout JSON line), so no test passes vacuously.

export interface AttackChoice<Name extends string> {
  readonly attack: Name;
  /** The round whose update or aggregate is tampered with; earlier rounds run honestly (the in-run control). */
  readonly round: number;
  /** The `medfl` command line that follows. */
  readonly medflArgs: string[];
}

export function takeAttackFlags<Name extends string>(argv: readonly string[], names: readonly Name[]): AttackChoice<Name> {
  const [attackFlag, attack, roundFlag, round, ...medflArgs] = argv;
  if (attackFlag !== '--attack' || roundFlag !== '--attack-round' || !names.includes(attack as Name) || !(Number(round) >= 1)) {
    throw new Error(`usage: --attack <${names.join('|')}> --attack-round <n> <medfl command…>; got ${argv.slice(0, 4).join(' ')}`);
  }
  return { attack: attack as Name, round: Number(round), medflArgs };
}

/** Tells the harness the attack was carried out (or, with `notMounted`, why it could not be). */
export function announceAttack(attack: string, round: number, notMounted?: string): void {
  const event = notMounted ? { event: 'attack not mounted', attack, round, reason: notMounted } : { event: 'attack mounted', attack, round };
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Runs the real `medfl` CLI in this process with `medflArgs`, after the caller has installed its one change. */
export async function runMedfl(medflArgs: readonly string[]): Promise<void> {
  process.argv = [process.argv[0]!, process.argv[1]!, ...medflArgs];
  await import('../../../cli/main.ts');
}
