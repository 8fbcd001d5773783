// Why a round fell short, site by site: an operator must tell a hospital that never reached this coordinator (its
// network, firewall, kit or address) from one that connected but did not deliver (its data, training or upload).
export function missingSites(expected: readonly string[], updated: ReadonlySet<string>, connected: ReadonlySet<string>): string {
  const missing = expected.filter((site) => !updated.has(site));
  const never = missing.filter((site) => !connected.has(site));
  const silent = missing.filter((site) => connected.has(site));
  const parts = [
    ...(never.length > 0 ? [`never connected to this coordinator: ${never.join(', ')}`] : []),
    ...(silent.length > 0 ? [`connected but sent no update: ${silent.join(', ')}`] : []),
  ];
  return parts.join('; ');
}
