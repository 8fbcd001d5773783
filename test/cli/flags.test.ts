// Flag checks that run before any write or chain call, and two commands that used to fail late on such a flag.
import { describe, expect, it } from 'vitest';
import { checkAddress, checkEndpoint, checkPort, checkPositiveInteger, checkPrivateKey, checkRpcUrl } from '../../cli/flags.ts';
import { runCli } from '../helpers/runCli.ts';

describe('flag checks', () => {
  it('accepts what a user means and names the flag and value of what is not', () => {
    expect(checkAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3', '--ledger')).toBe('0x5FbDB2315678afecb367f032d93F642f64180aa3');
    expect(() => checkAddress('0x1234', '--ledger')).toThrow('--ledger "0x1234" is not an Ethereum address (0x and 40 hex digits)');
    expect(() => checkAddress('0x5FbDB2315678afecb367f032d93F642f64180AA3', '--ledger')).toThrow(/is not an Ethereum address/);
    expect(checkPort(0, '--port')).toBe(0);
    expect(() => checkPort(Number.NaN, '--port')).toThrow('--port takes a port number from 0 to 65535; the value given is not a number');
    expect(() => checkPort(70_000, '--port')).toThrow('--port 70000 is not a port number from 0 to 65535');
    expect(checkPositiveInteger(2, '--confirmations')).toBe(2);
    expect(() => checkPositiveInteger(0, '--confirmations')).toThrow('--confirmations 0 is not a whole number of 1 or more');
    expect(() => checkPositiveInteger(1.5, '--confirmations')).toThrow('--confirmations 1.5 is not a whole number of 1 or more');
    expect(checkRpcUrl('http://127.0.0.1:8545', '--rpc')).toBe('http://127.0.0.1:8545');
    expect(() => checkRpcUrl('127.0.0.1:8545', '--rpc')).toThrow(/--rpc "127.0.0.1:8545" is not an http\(s\) or ws\(s\) URL/);
    expect(() => checkPrivateKey('0xabc', '--admin-key')).toThrow('--admin-key is not a 0x-hex 32-byte private key');
    expect(checkEndpoint('127.0.0.2:7443', '--coordinator')).toBe('127.0.0.2:7443');
    expect(checkEndpoint('coordinator.example.org:7443', '--coordinator')).toBe('coordinator.example.org:7443');
    expect(() => checkEndpoint('127.0.0.2', '--coordinator')).toThrow('--coordinator "127.0.0.2" is not host:port (e.g. 127.0.0.1:7443)');
  });
});

describe('commands refuse a bad flag with one USAGE line, before anything else', () => {
  it('medfl coordinator --port abc', async () => {
    const run = await runCli(['coordinator', '--kit', 'no-kit', '--plan', 'plans/demo.json', '--ledger', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--port', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --port takes a port number from 0 to 65535; the value given is not a number\n');
  });

  it('medfl coordinator --confirmations 0', async () => {
    const run = await runCli(['coordinator', '--kit', 'no-kit', '--plan', 'plans/demo.json', '--ledger', '0x5FbDB2315678afecb367f032d93F642f64180aa3', '--confirmations', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --confirmations 0 is not a whole number of 1 or more\n');
  });

  it('medfl coordinator --help documents --confirmations', async () => {
    const run = await runCli(['coordinator', '--help']);
    expect(run.stdout).toMatch(/--confirmations\s+blocks that must include and follow a round's commit before the next round opens/);
  });

  it('medfl chain start --state in a folder that does not exist', async () => {
    const run = await runCli(['chain', 'start', '--port', '0', '--state', '/nonexistent-medfl/chain.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: --state /nonexistent-medfl/chain.json: folder /nonexistent-medfl does not exist; create it first\n');
  });
});
