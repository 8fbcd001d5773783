// `medfl predict MODEL_DIR --fhir PATIENT`: one patient's vital signs (a Bundle or NDJSON) to a FHIR RiskAssessment.
import type { CommandModule } from 'yargs';
import { writeJsonFile } from '../../common/writeJsonFile.ts';
import { openBedsideModel } from '../../inference/openBedsideModel.ts';
import { predictRisk, type RiskPrediction } from '../../inference/predictRisk.ts';
import type { ModelReference } from '../../inference/modelReference.ts';
import { bedsideFlags, bedsideOptions, type BedsideArgs } from '../bedsideFlags.ts';
import { action, type GlobalArgs } from '../output.ts';

interface PredictArgs extends BedsideArgs {
  fhir: string;
  patient?: string;
  out?: string;
}

function predictionText(prediction: RiskPrediction, reference: ModelReference, out: string | undefined): string {
  const assessment = prediction.riskAssessment;
  const checked = reference.source === 'chain' ? 'verified on chain just now' : "from the model's provenance.json, not checked on chain (pass --ledger)";
  return [
    `patient ${prediction.patientId} at ${assessment.occurrenceDateTime}: probability ${prediction.probability.toFixed(4)}`,
    `  outcome  ${assessment.prediction?.[0]?.outcome?.text ?? ''}`,
    `  basis    ${assessment.basis?.length ?? 0} Observations (${prediction.values} values in the window)`,
    `  model    ${reference.modelHash}, run ${reference.runId} round ${reference.round}, chain ${reference.chainId} ledger ${reference.ledgerAddress} (${checked})`,
    out ? `wrote the RiskAssessment to ${out}` : 'the RiskAssessment itself: medfl predict --json (or --out FILE)',
  ].join('\n');
}

export const predictCommand: CommandModule<GlobalArgs, PredictArgs> = {
  command: 'predict <modelDir>',
  describe: "Predict one patient's risk from their vital signs (FHIR Bundle or NDJSON) with a committed model; prints a FHIR RiskAssessment with --json",
  builder: (yargs) =>
    bedsideFlags(yargs, false)
      .option('fhir', { type: 'string', demandOption: true, describe: "The patient's FHIR data: a Bundle (.json), NDJSON (.ndjson) or a folder of them" })
      .option('patient', { type: 'string', describe: 'The patient id, when the data holds several patients' })
      .option('out', { type: 'string', describe: 'Also write the RiskAssessment to this file' }) as never,
  handler: action(async (args: PredictArgs) => {
    const model = await openBedsideModel(bedsideOptions(args));
    const prediction = await predictRisk(model, { file: args.fhir }, args.patient);
    if (args.out) writeJsonFile(args.out, prediction.riskAssessment, '--out');
    return { json: prediction.riskAssessment, text: predictionText(prediction, model.reference, args.out) };
  }),
};
