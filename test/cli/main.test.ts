import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';

describe('medfl CLI', () => {
  it('lists its commands with --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('medfl errors');
    expect(run.stdout).toMatch(/Exit codes: 0 ok, 1 internal, 2 invalid_input/);
  });

  it('rejects an unknown command with the usage exit code and no stack trace', async () => {
    const run = await runCli(['bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('medfl: USAGE: Unknown argument: bogus');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('puts a flag mistake yargs words over several lines on one line', async () => {
    const run = await runCli(['data', 'export', 'site', '--format', 'xml', '--out', 'nowhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('medfl: USAGE: Invalid values: Argument: format, Given: "xml", Choices: "csv", "hl7" (see medfl --help)\n');
  });

  it('prints one JSON object with --json', async () => {
    const run = await runCli(['errors', '--json']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { codes: { code: string; exit: number }[] };
    expect(parsed.codes).toContainEqual({ code: 'PLAN_INVALID', exit: 2, grpc: 3 });
  });

  it('prints its version with --version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
