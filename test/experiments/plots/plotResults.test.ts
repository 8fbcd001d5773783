import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plotAllResults, plotResultFile, plotResultFiles } from '../../../experiments/plots/plotResults.ts';
import { resultsFixture } from '../runner/experimentResultsFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-plots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plotResults', () => {
  it('draws each results file that has a plot beside it, and lists the others', async () => {
    const rows = [{ sites: 2, commitGas: 157_000 }, { sites: 4, commitGas: 179_000 }];
    writeFileSync(join(dir, 'bench-gas.json'), JSON.stringify({ bench: 'gas', rows }));
    writeFileSync(join(dir, 'notes.json'), '{}');
    const { written, skipped } = await plotAllResults(dir);
    expect(written).toEqual([join(dir, 'bench-gas.png')]);
    expect(skipped).toEqual(['notes.json']);
    expect(readFileSync(join(dir, 'bench-gas.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('names a malformed results file and what it lacks', async () => {
    const file = join(dir, 'bench-round.json');
    writeFileSync(file, JSON.stringify({ rows: [{ params: 10 }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: `${file} has no row with params, codecs, firstSec, secondSec to plot` });
    writeFileSync(file, '{"rows": [');
    await expect(plotResultFile(file)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining(`${file} is not readable JSON`) });
  });

  it("draws the round bench's CPU seconds beside wall time when its rows carry them, and files without them still plot", async () => {
    const file = join(dir, 'bench-round.json');
    const memory = { sites: 4, coordinatorPeakRssMb: 300 };
    const times = { params: 10_000, codecs: 'ckks / plaintext', firstSec: 1.2, secondSec: 1.1 };
    writeFileSync(file, JSON.stringify({ rows: [times, memory] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-round.png'));
    const twoPanels = readFileSync(join(dir, 'bench-round.png')).readUInt32BE(16);
    writeFileSync(file, JSON.stringify({ rows: [{ ...times, firstCpuSec: 3.1, secondCpuSec: 2.2 }, memory] }));
    await plotResultFile(file);
    // The PNG's width (IHDR) grows by the third panel.
    expect(readFileSync(join(dir, 'bench-round.png')).readUInt32BE(16)).toBeGreaterThan(twoPanels + 200);
  });

  it('draws the large-model bench: peak RSS of each side beside one update, and seconds per update', async () => {
    const file = join(dir, 'bench-largeModel.json');
    const row = { params: 1_000_000, chunks: 243, updateMb: 5.7, encryptSec: 1.2, uploadSec: 1.3, siteBaseRssMb: 229, sitePeakRssMb: 297, coordinatorPeakRssMb: 323 };
    writeFileSync(file, JSON.stringify({ rows: [row, { ...row, params: 10_000_000, updateMb: 57, coordinatorPeakAnonMb: 250 }] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-largeModel.png'));
    writeFileSync(file, JSON.stringify({ rows: [{ params: 1 }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with params, updateMb, sitePeakRssMb, coordinatorPeakRssMb, encryptSec, uploadSec to plot` });
  });

  it('draws the verify bench: check vs decrypt per number of sites', async () => {
    const file = join(dir, 'bench-verify.json');
    writeFileSync(file, JSON.stringify({ rows: [{ sites: 4, verifyMsPerSite: 90, decryptMsPerSite: 150 }, { sites: 64, verifyMsPerSite: 120, decryptMsPerSite: 150 }] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-verify.png'));
    writeFileSync(file, JSON.stringify({ rows: [{ sites: 4 }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with sites, verifyMsPerSite, decryptMsPerSite to plot` });
  });

  it('draws the startup bench: CPU per command and loader, median with its range', async () => {
    const file = join(dir, 'bench-startup.json');
    const row = (command: string, loader: string, median: number) => ({ command, loader, cpuSecondsMedian: median, cpuSecondsMin: median - 0.1, cpuSecondsMax: median + 0.2 });
    writeFileSync(file, JSON.stringify({ rows: [row('coordinator', 'tsx', 3.3), row('coordinator', 'medfl loader, cache warm', 2.3)] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-startup.png'));
    writeFileSync(file, JSON.stringify({ rows: [{ command: 'kit' }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with command, loader, cpuSecondsMedian, cpuSecondsMin, cpuSecondsMax to plot` });
  });

  it('draws the feeds bench: import rate and peak RSS per format', async () => {
    const file = join(dir, 'bench-feeds.json');
    const row = (format: string, rate: number) => ({ format, observations: 1000, values: 1000, obsPerSec: rate, valuesPerSec: rate, peakRssMb: 140 });
    writeFileSync(file, JSON.stringify({ rows: [row('fhir-ndjson', 40_000), row('csv', 49_000), row('hl7', 18_000)] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-feeds.png'));
    writeFileSync(file, JSON.stringify({ rows: [{ format: 'csv' }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with format, valuesPerSec, obsPerSec, peakRssMb to plot` });
  });

  it('draws the fuzz bench: statuses stacked per category', async () => {
    const file = join(dir, 'bench-fuzz.json');
    const rows = [
      { category: 'bytes', status: 'WIRE_INVALID', grpcStatus: 'INVALID_ARGUMENT', count: 2400 },
      { category: 'bytes', status: 'RESOURCE_EXHAUSTED', grpcStatus: 'RESOURCE_EXHAUSTED', count: 100 },
      { category: 'ciphertext', status: 'CIPHERTEXT_INVALID', grpcStatus: 'INVALID_ARGUMENT', count: 2500 },
    ];
    writeFileSync(file, JSON.stringify({ bench: 'fuzz', rows }));
    expect(await plotResultFile(file)).toBe(join(dir, 'bench-fuzz.png'));
    expect(readFileSync(join(dir, 'bench-fuzz.png')).subarray(1, 4).toString()).toBe('PNG');
    writeFileSync(file, JSON.stringify({ rows: [{ category: 'bytes' }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with category, status, count to plot` });
  });

  it("draws an experiment's bars and its per-round curves, and names a file that is not an experiment's results", async () => {
    const file = join(dir, 'experiment-fixture.json');
    writeFileSync(file, JSON.stringify(resultsFixture()));
    expect(await plotResultFiles(file)).toEqual([join(dir, 'experiment-fixture.png'), join(dir, 'experiment-fixture-rounds.png')]);
    expect(readFileSync(join(dir, 'experiment-fixture-rounds.png')).subarray(1, 4).toString()).toBe('PNG');
    writeFileSync(file, JSON.stringify({ rows: [] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ code: 'EXPERIMENT_RESULTS_INVALID', message: expect.stringContaining(`results file ${file} is not an experiment's results: experiment:`) });
  });

  it('draws the soak: round time and memory against round, and round time against sites when smaller consortia ran', async () => {
    const file = join(dir, 'soak.json');
    const round = (n: number, fault: string) => ({ round: n, seconds: 5 + n, fault, coordinatorRssMb: 200 + n, hostsRssMb: 600 - n });
    writeFileSync(file, JSON.stringify({ rounds: [round(1, 'slow-site'), round(2, 'coordinator-restart')], sweep: [{ sites: 8, medianRoundSeconds: 4 }, { sites: 16, medianRoundSeconds: 7 }] }));
    expect(await plotResultFile(file)).toBe(join(dir, 'soak.png'));
    expect(readFileSync(join(dir, 'soak.png')).subarray(1, 4).toString()).toBe('PNG');
    writeFileSync(file, JSON.stringify({ rounds: [{ round: 1, seconds: 3 }] }));
    await expect(plotResultFile(file)).rejects.toMatchObject({ message: `${file} has no row with round, seconds, fault, coordinatorRssMb, hostsRssMb to plot` });
  });
});
