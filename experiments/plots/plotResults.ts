// `npm run plots`: a PNG beside every experiments/results/*.json that has a plot (same name, .png). Results without
// one are listed, not an error; a malformed file is a MedflError naming it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { MedflError } from '../../common/MedflError.ts';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { renderPlot } from './renderPlot.ts';
import { baselinePlot } from './specs/baseline.ts';
import { benchFeedsPlot } from './specs/benchFeeds.ts';
import { benchConsentPlot } from './specs/benchConsent.ts';
import { benchFhirPlot } from './specs/benchFhir.ts';
import { benchFuzzPlot } from './specs/benchFuzz.ts';
import { benchGasPlot } from './specs/benchGas.ts';
import { benchHePlot } from './specs/benchHe.ts';
import { benchLargeModelPlot } from './specs/benchLargeModel.ts';
import { benchRoundPlot } from './specs/benchRound.ts';
import { benchServePlot } from './specs/benchServe.ts';
import { benchStartupPlot } from './specs/benchStartup.ts';
import { benchTrainPlot } from './specs/benchTrain.ts';
import { benchVerifyPlot } from './specs/benchVerify.ts';
import { experimentBarsPlot } from './specs/experimentBars.ts';
import { experimentRoundsPlot } from './specs/experimentRounds.ts';
import { soakPlot } from './specs/soak.ts';

type PlotSpec = (file: string, result: unknown) => TopLevelSpec;

export const RESULTS_DIR = join(REPO_ROOT, 'experiments', 'results');

/** Which plot draws a results file, by its name. */
export function plotFor(name: string): PlotSpec | undefined {
  const byName: Record<string, PlotSpec> = {
    'bench-he': benchHePlot, 'bench-gas': benchGasPlot, 'bench-round': benchRoundPlot, 'bench-fhir': benchFhirPlot, 'bench-feeds': benchFeedsPlot, 'bench-train': benchTrainPlot,
    'bench-verify': benchVerifyPlot, 'bench-fuzz': benchFuzzPlot, 'bench-largeModel': benchLargeModelPlot, 'bench-consent': benchConsentPlot, soak: soakPlot,
    'bench-serve': benchServePlot, 'bench-startup': benchStartupPlot,
  };
  if (byName[name]) return byName[name];
  if (name.startsWith('baseline-')) return baselinePlot;
  if (name.startsWith('experiment-')) return experimentBarsPlot;
  return undefined;
}

/** Further plots of a results file, each to the file's name plus a suffix (an experiment's per-round curves). */
function companionPlots(name: string): { suffix: string; spec: PlotSpec }[] {
  return name.startsWith('experiment-') ? [{ suffix: '-rounds', spec: experimentRoundsPlot }] : [];
}

function readResult(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new MedflError('FILE_UNREADABLE', `${file} is not readable JSON: ${(cause as Error).message}`, { cause });
  }
}

/** Renders `file`'s plot to the same path with .png; undefined when no plot draws it. */
export async function plotResultFile(file: string): Promise<string | undefined> {
  return (await plotResultFiles(file))[0];
}

/** Renders every plot of `file`: its own (same path, .png) first, then its companions; none when no plot draws it. */
export async function plotResultFiles(file: string): Promise<string[]> {
  const name = basename(file, '.json');
  const spec = plotFor(name);
  if (!spec) return [];
  const result = readResult(file);
  const written: string[] = [];
  for (const [suffix, draw] of [['', spec] as const, ...companionPlots(name).map((plot) => [plot.suffix, plot.spec] as const)]) {
    const out = file.replace(/\.json$/, `${suffix}.png`);
    writeFileSync(out, (await renderPlot(draw(file, result))).png);
    written.push(out);
  }
  return written;
}

export async function plotAllResults(dir = RESULTS_DIR): Promise<{ written: string[]; skipped: string[] }> {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const entry of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const outs = await plotResultFiles(join(dir, entry));
    if (outs.length) written.push(...outs);
    else skipped.push(entry);
  }
  return { written, skipped };
}
