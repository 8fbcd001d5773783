// A consortium site's Ethereum address, as the run's site list and every contribution leaf name it.
import { findSite, type Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';

export function siteAddress(consortium: Consortium, id: string): string {
  const site = findSite(consortium, id);
  if (!site) throw new MedflError('PEER_UNKNOWN', `site ${id} is not in consortium ${consortium.name}`);
  return site.address;
}
