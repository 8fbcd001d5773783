// The coordinator's advertised endpoint as consortium.json and the flags take it.
import { describe, expect, it } from 'vitest';
import { endpointSchema, isEndpoint } from '../../../common/kit/endpoint.ts';

describe('isEndpoint', () => {
  it('takes a host name, an IPv4 or a bracketed IPv6 address with a port from 1 to 65535', () => {
    for (const good of ['coordinator.example.org:7443', '127.0.0.2:1', '[::1]:65535']) expect(isEndpoint(good)).toBe(true);
  });

  it('refuses a missing or out-of-range port, a URL and a path', () => {
    for (const bad of ['coordinator.example.org', '127.0.0.2:0', '127.0.0.2:65536', 'https://c.example.org:7443', 'c/x:7443']) expect(isEndpoint(bad)).toBe(false);
    expect(endpointSchema.safeParse('nope').error?.issues[0]?.message).toBe('host:port, e.g. coordinator.example.org:7443');
  });
});
