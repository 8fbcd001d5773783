// The training plan: everything a consortium agrees on before a run (model, data, training, strategy, privacy, sites).
// Every object is strict: an unknown field is an error, so a typo never silently falls back to a default.
import { z } from 'zod';
import { MAX_SITE_EXAMPLES } from './exampleCap.ts';
import { MAX_MODEL_PARAMETERS, modelParameters } from './modelParameters.ts';

const positive = z.number().positive().finite();
const positiveInt = z.number().int().positive();

/**
 * How the genesis model's weights are drawn (common/model/genesis.ts): Keras' Glorot-uniform kernels with zero biases
 * (the default), or PyTorch's nn.Linear default, U(±1/√fan_in) for kernel and bias alike, which FLamby's benchmark
 * starts from. Optional without a default, so plans written before it keep their planHash.
 */
const initializer = z.enum(['glorot-uniform', 'torch-linear']).optional();

const modelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('logistic'), initializer }).strict(),
  z.object({ kind: z.literal('mlp'), hidden: z.array(positiveInt.max(4096)).min(1).max(16), initializer }).strict(),
]);

const loincCode = z.string().regex(/^\d{1,7}-\d$/, 'a LOINC code such as 8867-4');

/**
 * How a FHIR site turns per-patient vital-sign series into labelled rows (datasets/fhir/windowing.ts); every
 * field is optional and defaults to that module's DEFAULT_WINDOWING.
 */
const windowingSchema = z
  .object({
    windowHours: positive.optional(),
    horizonHours: positive.optional(),
    strideHours: positive.optional(),
    minValues: z.number().int().nonnegative().optional(),
    featureCodes: z.array(loincCode).min(1).optional(),
    /** UCUM unit for each feature code that is not a built-in vital sign. */
    extraUnits: z.record(loincCode, z.string().min(1)).optional(),
    aggregates: z.array(z.enum(['last', 'mean', 'min', 'max', 'slope', 'std'])).min(1).optional(),
    demographics: z.boolean().optional(),
    /** The outcome event: an Encounter whose type carries this coding. */
    outcome: z.object({ system: z.string().min(1), code: z.string().min(1) }).strict().optional(),
  })
  .strict();

const datasetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uci-heart') }).strict(),
  z
    .object({
      kind: z.literal('fhir'),
      windowing: windowingSchema.optional(),
      /** Consent purposes (v3-ActReason codes) a patient must not have denied; research use (HRESRCH) when absent. */
      consentPurposes: z.array(z.string().min(1)).min(1).optional(),
    })
    .strict(),
]);

const trainingSchema = z
  .object({
    optimizer: z.enum(['adam', 'sgd']),
    learningRate: positive,
    batchSize: positiveInt,
    /** Passes over the site's training rows per round; exactly one of localEpochs and localSteps is set. */
    localEpochs: positiveInt.optional(),
    /**
     * Optimizer steps per round on mini-batches drawn from seeded shuffled epochs, reshuffled when one runs out (FLamby's
     * DataLoaderWithMemory). Optional without a default, so plans written before it keep their planHash.
     */
    localSteps: positiveInt.max(1_000_000).optional(),
  })
  .strict();

/** Reddi et al. 2021, "Adaptive Federated Optimization": server-side Adam/Yogi/Adagrad on the averaged update. */
const serverOptimizerSchema = z
  .object({
    name: z.enum(['fedadam', 'fedyogi', 'fedadagrad']),
    learningRate: positive,
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.99),
    tau: positive.default(1e-3),
  })
  .strict();

const strategySchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('fedavg'), serverOptimizer: serverOptimizerSchema.optional() }).strict(),
  z.object({ name: z.literal('fedprox'), mu: z.number().nonnegative().finite(), serverOptimizer: serverOptimizerSchema.optional() }).strict(),
  /** Karimireddy et al. 2020 (SCAFFOLD); the server step size η_g defaults to 1 in Scaffold.ts, so no default here. */
  z.object({ name: z.literal('scaffold'), serverLearningRate: positive.optional() }).strict(),
]);

/**
 * Record-level DP-SGD (Abadi et al. 2016, "Deep Learning with Differential Privacy"): per-example gradients clipped to
 * maxGradNorm, Gaussian noise of σ·maxGradNorm, Poisson-sampled batches. σ is either fixed here or calibrated by each
 * site from its own row count so that its ε after the plan's rounds is targetEpsilon at delta.
 */
const dpSgdSchema = z
  .object({
    maxGradNorm: positive,
    delta: z.number().gt(0).lt(1),
    noiseMultiplier: positive.optional(),
    targetEpsilon: positive.optional(),
  })
  .strict()
  .refine((dp) => (dp.noiseMultiplier === undefined) !== (dp.targetEpsilon === undefined), {
    message: 'set exactly one of noiseMultiplier and targetEpsilon',
  });

const privacySchema = z
  .object({
    /**
     * ckks: threshold CKKS, each site encrypts under its own key and any `consortium.decryptionThreshold` sites decrypt
     * together; ckks-shared-key: one key every site holds (before issue 15; kept to measure the threshold codec
     * against, and for consortia that accept it); plaintext: no encryption.
     */
    encryption: z.enum(['ckks', 'ckks-shared-key', 'plaintext']),
    /** L2 bound of one site's update (w_local - w_global) before it is scaled and encrypted. */
    clipNorm: positive,
    /** Record-level DP-SGD in every site's local training; absent, no differential privacy. */
    dpSgd: dpSgdSchema.optional(),
  })
  .strict();

const siteId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a site id: lower-case letters, digits and dashes');

const consortiumSchema = z
  .object({
    sites: z.array(siteId).min(1),
    /** Updates needed to close a round at its deadline. */
    minUpdates: positiveInt,
    /** Matching attestations needed to commit a round on chain. */
    quorum: positiveInt,
    roundDeadlineSeconds: positiveInt,
    onRoundFailure: z.enum(['retry', 'stop']),
    maxRetries: z.number().int().nonnegative().default(0),
    /**
     * The most examples a site may weight its update by (a site with more rows weights by this); it sizes the CKKS
     * prime. Optional without a default, so plans written before it keep their planHash (exampleCap.ts).
     */
    maxExamplesPerSite: positiveInt.max(MAX_SITE_EXAMPLES).optional(),
    /**
     * Threshold CKKS: how many sites decrypt an aggregate together; no coalition of fewer learns any site's update.
     * Optional without a default (the default, a majority of sites, is applied in runCodecParameters) so plans written
     * before it keep their planHash.
     */
    decryptionThreshold: positiveInt.optional(),
  })
  .strict();

export const planSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][\w.-]{0,99}$/, 'a name of letters, digits, dots, dashes and underscores'),
    description: z.string().max(2000).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    model: modelSchema,
    features: z.array(z.string().min(1)).min(1),
    dataset: datasetSchema,
    training: trainingSchema,
    strategy: strategySchema,
    rounds: positiveInt.max(100_000),
    privacy: privacySchema,
    consortium: consortiumSchema,
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seenFeatures = new Set<string>();
    plan.features.forEach((feature, i) => {
      if (seenFeatures.has(feature)) ctx.addIssue({ code: 'custom', path: ['features', i], message: `duplicate feature ${feature}` });
      seenFeatures.add(feature);
    });
    const seenSites = new Set<string>();
    plan.consortium.sites.forEach((site, i) => {
      if (seenSites.has(site)) ctx.addIssue({ code: 'custom', path: ['consortium', 'sites', i], message: `duplicate site ${site}` });
      seenSites.add(site);
    });
    const parameters = modelParameters(plan.model, plan.features.length);
    if (parameters > MAX_MODEL_PARAMETERS) {
      const message = `the model has ${parameters.toLocaleString('en-US')} parameters over ${plan.features.length} features; the limit is ${MAX_MODEL_PARAMETERS.toLocaleString('en-US')}`;
      ctx.addIssue({ code: 'custom', path: ['model'], message });
    } else if (plan.strategy.name === 'scaffold' && 2 * parameters > MAX_MODEL_PARAMETERS) {
      // SCAFFOLD's update carries Δc beside Δy: the codec, intake and sum hold twice the model's values.
      const message = `SCAFFOLD sends 2 × ${parameters.toLocaleString('en-US')} values per update; the limit is ${MAX_MODEL_PARAMETERS.toLocaleString('en-US')}`;
      ctx.addIssue({ code: 'custom', path: ['strategy'], message });
    }
    if ((plan.training.localEpochs === undefined) === (plan.training.localSteps === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['training'], message: 'set exactly one of localEpochs and localSteps' });
    }
    // SCAFFOLD's control variate c_i⁺ = c_i − c + (x − y)/(K·η) assumes K plain SGD steps of rate η (FLamby asserts it too).
    if (plan.strategy.name === 'scaffold' && plan.training.optimizer !== 'sgd') {
      ctx.addIssue({ code: 'custom', path: ['training', 'optimizer'], message: `SCAFFOLD needs the 'sgd' optimizer, not '${plan.training.optimizer}'` });
    }
    const sites = plan.consortium.sites.length;
    for (const key of ['minUpdates', 'quorum', 'decryptionThreshold'] as const) {
      if (plan.consortium[key] === undefined) continue;
      if (plan.consortium[key]! > sites) {
        ctx.addIssue({ code: 'custom', path: ['consortium', key], message: `${plan.consortium[key]} exceeds the ${sites} sites of the consortium` });
      }
    }
  });

/** A validated plan with defaults filled in; this normalized form is what planHash covers. */
export type Plan = z.infer<typeof planSchema>;
export type ModelSpec = Plan['model'];
export type TrainingConfig = Plan['training'];
export type StrategySpec = Plan['strategy'];
export type ServerOptimizerSpec = NonNullable<Extract<StrategySpec, { name: 'fedavg' }>['serverOptimizer']>;
export type DatasetSpec = Plan['dataset'];
export type PrivacySpec = Plan['privacy'];
export type DpSgdSpec = NonNullable<PrivacySpec['dpSgd']>;
export type ConsortiumSpec = Plan['consortium'];
