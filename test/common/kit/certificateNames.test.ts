// The names an operator gives a certificate: sorted into DNS and IP names, and a bad one named before anything is made.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CERTIFICATE_NAMES, parseCertificateNames } from '../../../common/kit/certificateNames.ts';

describe('parseCertificateNames', () => {
  it('sorts DNS names and IP addresses (v4 and v6), dropping repeats and blanks', () => {
    expect(parseCertificateNames(['coordinator.example.org', '10.0.0.5', ' ::1', 'coordinator.example.org', ''], '--san')).toEqual({
      dns: ['coordinator.example.org'],
      ip: ['10.0.0.5', '::1'],
    });
  });

  it("keeps today's names by default", () => {
    expect(parseCertificateNames(DEFAULT_CERTIFICATE_NAMES, '--san')).toEqual({ dns: ['localhost'], ip: ['127.0.0.1'] });
  });

  it('refuses a wildcard, an underscore, upper case, a port or nothing at all with USAGE naming the flag and the name', () => {
    for (const bad of ['*.example.org', 'bad_name', 'Coordinator.example.org', '10.0.0.5:7443', '-lead.example.org', 'a..b']) {
      expect(() => parseCertificateNames(['localhost', bad], '--san')).toThrow(
        expect.objectContaining({ code: 'USAGE', message: `--san: "${bad}" is neither an IP address nor a DNS name (lower-case letters, digits, dashes and dots; no wildcards)` }),
      );
    }
    expect(() => parseCertificateNames([' ', ''], '--san')).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--san names no host') }));
  });
});
