// The file names inside a provisioning kit; one place so writers and readers agree.
export const KIT_FILES = {
  manifest: 'kit.json',
  consortium: 'consortium.json',
  caCert: 'ca.crt',
  tlsCert: 'tls.crt',
  tlsKey: 'tls.key',
  signingKey: 'signing.key',
  boxKey: 'box.key',
  ethKey: 'eth.key',
  ckksSealed: 'ckks.sealed',
  /** Threshold CKKS: the site's own secret seed, made on its machine (participant/threshold/siteSeed.ts), never sent. */
  ckksShareSeed: 'ckks-share.seed',
  approvedPlans: 'approved-plans.json',
} as const;
