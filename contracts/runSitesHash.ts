// The `sitesHash` RoundLedger stores at createRun: keccak256(abi.encode(address[] sites)), the sites in the run's order.
import { AbiCoder, keccak256 } from 'ethers';
import type { Hash32 } from '../common/canonicalJson.ts';

export function runSitesHash(sites: readonly string[]): Hash32 {
  return keccak256(AbiCoder.defaultAbiCoder().encode(['address[]'], [sites])) as Hash32;
}
