// revertName: the contract error callers branch on, taken only from a decoded LEDGER_REVERTED error.
import { describe, expect, it } from 'vitest';
import { MedflError } from '../../common/MedflError.ts';
import { revertName } from '../../contracts/revertName.ts';

describe('revertName', () => {
  it('names the revert of a decoded LEDGER_REVERTED error', () => {
    const error = new MedflError('LEDGER_REVERTED', 'x reverted: RoundLedgerZeroModelHash()', { details: { error: 'RoundLedgerZeroModelHash', args: {} } });
    expect(revertName(error)).toBe('RoundLedgerZeroModelHash');
  });

  it('is undefined for a revert it could not decode, another error code, or something that is not a MedflError', () => {
    expect(revertName(new MedflError('LEDGER_REVERTED', 'x reverted: unknown revert data 0x12345678'))).toBeUndefined();
    expect(revertName(new MedflError('CHAIN_UNAVAILABLE', 'down', { details: { error: 'RoundLedgerZeroModelHash' } }))).toBeUndefined();
    expect(revertName(new Error('RoundLedgerZeroModelHash'))).toBeUndefined();
  });
});
