// GetContributions: a committed round's contributions manifest, which any site of the consortium saves next to its
// model and can hand to a reviewer for `medfl verify --contributions`.
import { fromWireGetContributionsRequest, toWireContributionsManifest } from '../../common/wire/wireCodec.ts';
import type { RunEngine } from '../rounds/RunEngine.ts';

/** `request` is untrusted: decoded through the wire codec (a round from 1 up) before the archive sees it. */
export function getContributions(engine: Pick<RunEngine, 'runId' | 'options'>, request: unknown): object {
  const { round } = fromWireGetContributionsRequest(request);
  return toWireContributionsManifest(engine.options.contributions.manifest(engine.runId, round));
}
