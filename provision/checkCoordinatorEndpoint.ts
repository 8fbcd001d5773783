// The coordinator's advertised endpoint, checked before provisioning writes anything: consortium.json carries it to
// every site, so a typo there would send every site to the wrong place.
import { isEndpoint } from '../common/kit/endpoint.ts';
import { MedflError } from '../common/MedflError.ts';

export function checkCoordinatorEndpoint(value: string): string {
  if (!isEndpoint(value)) throw new MedflError('USAGE', `--coordinator-endpoint ${JSON.stringify(value)} is not host:port (e.g. coordinator.example.org:7443)`);
  return value;
}
