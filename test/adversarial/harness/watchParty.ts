// What a party said while it ran: every stdout JSON line from its start, whether it has exited, and the error codes
// it printed (`{"error":{"code"}}` on stdout, `"code":"…"` in its JSON log, `medfl: CODE:` on stderr).
import { existsSync, readFileSync } from 'node:fs';
import { parseJsonLine } from '../../../consortium/MedflProcess.ts';
import type { Party } from './PartyProcess.ts';

export interface WatchedParty {
  readonly party: Party;
  readonly events: Record<string, unknown>[];
  readonly exited: () => boolean;
  /** Every error code this party printed or logged so far, once each. */
  codes(): string[];
  /** Its JSON log lines (stderr) so far. */
  log(): Record<string, unknown>[];
}

const CODE_PATTERNS = [/"code":"([A-Z][A-Z0-9_]+)"/g, /^medfl: ([A-Z][A-Z0-9_]+):/gm];

export function codesIn(text: string): string[] {
  return CODE_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

export function watchParty(party: Party, logPath: string): WatchedParty {
  const events: Record<string, unknown>[] = [];
  const lines: string[] = [];
  let exited = false;
  party.onLine((line) => {
    lines.push(line);
    const event = parseJsonLine(line);
    if (event) events.push(event);
  });
  void party.exitCode().then(() => (exited = true));
  const logText = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  return {
    party,
    events,
    exited: () => exited,
    codes: () => [...new Set(codesIn([...lines, logText()].join('\n')))],
    log: () => logText().split('\n').map(parseJsonLine).filter((line) => line !== undefined),
  };
}
