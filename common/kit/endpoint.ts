// host:port of a party others connect to (the coordinator's advertised endpoint): one rule for flags and kit files.
import { z } from 'zod';

const ENDPOINT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Whether `value` is host:port with a port from 1 to 65535, e.g. 127.0.0.2:7443 or coordinator.example.org:7443. */
export function isEndpoint(value: string): boolean {
  const match = ENDPOINT.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65_535;
}

export const endpointSchema = z.string().refine(isEndpoint, 'host:port, e.g. coordinator.example.org:7443');
