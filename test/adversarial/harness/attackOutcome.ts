// How an attacked round ended, judged from outside: the parties' refusals (error codes) and the chain's latest
// round. The wait is bounded and ends by itself: on a commit of the attacked round, once every honest site has
// exited, when the coordinator fails the round or exits, or at the timeout.
import type { AdversarialRun } from './adversarialRun.ts';
import type { WatchedParty } from './watchParty.ts';

export interface AttackOutcome {
  /** Every error code any party printed or logged (the dishonest one too: an honest coordinator's refusal reaches it). */
  readonly codes: string[];
  /** The run's latest committed round on chain. */
  readonly latestRound: number;
  readonly ended: 'committed' | 'honest sites exited' | 'round failed' | 'coordinator exited' | 'timed out';
  /** Who said what, for assertion messages. */
  readonly summary: string;
}

const honestSites = (run: AdversarialRun) => Object.values(run.sites).filter((site) => site !== run.dishonest);

function ending(run: AdversarialRun, round: number): AttackOutcome['ended'] | undefined {
  const { coordinator } = run;
  if (coordinator.events.some((event) => event.event === 'committed' && Number(event.round) >= round)) return 'committed';
  if (honestSites(run).every((site) => site.exited())) return 'honest sites exited';
  if (coordinator.log().some((line) => line.msg === 'round failed' && line.round === round)) return 'round failed';
  if (coordinator.exited()) return 'coordinator exited';
  return undefined;
}

/** Throws unless the dishonest party announced its attack: a test must never pass because no attack happened. */
function assertMounted(dishonest: WatchedParty | undefined): void {
  if (!dishonest) return;
  const said = dishonest.events.find((event) => event.event === 'attack mounted' || event.event === 'attack not mounted');
  if (!said) throw new Error(`${dishonest.party.name} never mounted its attack; see its log`);
  if (said.event === 'attack not mounted') throw new Error(`${dishonest.party.name} could not mount ${String(said.attack)}: ${String(said.reason)}`);
}

export async function attackOutcome(run: AdversarialRun, round: number, timeoutMs = 180_000): Promise<AttackOutcome> {
  const until = Date.now() + timeoutMs;
  let ended = ending(run, round);
  while (!ended && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    ended = ending(run, round);
  }
  assertMounted(run.dishonest);
  const parties = [run.coordinator, ...Object.values(run.sites)];
  const summary = parties.map((party) => `${party.party.name}${party === run.dishonest ? ' (dishonest)' : ''}: ${party.codes().join(', ') || '-'}`).join('; ');
  return {
    codes: [...new Set(parties.flatMap((party) => party.codes()))].sort(),
    latestRound: await run.ledger.latestRound(run.runId),
    ended: ended ?? 'timed out',
    summary: `ended: ${ended ?? 'timed out'}; ${summary}`,
  };
}
