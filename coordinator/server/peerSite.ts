// Who is calling: the mTLS client certificate's CN and sha256 fingerprint, matched against consortium.json.
import type { PeerCertificate } from 'node:tls';
import type { Consortium, ConsortiumSite } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';

/** The consortium site behind a call; a certificate the consortium does not list is refused. */
export function peerSite(call: { getAuthContext(): { sslPeerCertificate?: PeerCertificate } | null }, consortium: Consortium): ConsortiumSite {
  const certificate = call.getAuthContext()?.sslPeerCertificate;
  if (!certificate?.fingerprint256) throw new MedflError('CERTIFICATE_INVALID', 'the call carries no TLS client certificate');
  const cn = certificate.subject?.CN;
  const id = Array.isArray(cn) ? cn[0] : cn;
  const site = consortium.sites.find((entry) => entry.id === id);
  if (!site) throw new MedflError('PEER_UNKNOWN', `client certificate CN=${String(id)} is not a site of consortium ${consortium.name}`);
  if (site.certFingerprint256 !== certificate.fingerprint256) {
    throw new MedflError('CERTIFICATE_INVALID', `client certificate for ${site.id} has fingerprint ${certificate.fingerprint256}, not the one consortium.json lists`);
  }
  return site;
}
