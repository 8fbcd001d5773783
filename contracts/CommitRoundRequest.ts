// What a round's commit carries: exactly the attested fields, plus the contribution leaves and the sites' signatures.
import type { RoundAttestation } from '../common/wire/roundAttestation.ts';
import type { ContributionInput } from '../common/wire/contributionsTree.ts';

export interface CommitRoundRequest extends RoundAttestation {
  readonly contributions: readonly ContributionInput[];
  readonly signatures: readonly string[];
}
