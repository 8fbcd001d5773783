// The experiment file: base plans, strategy arms, seeds, codecs, data and baselines that `medfl experiment` expands
// into a matrix of `medfl run` and `medfl baseline` cells. Every object is strict, so a typo is an error.
import { z } from 'zod';

const seed = z.number().int().min(0).max(2 ** 32 - 1);
const positive = z.number().positive().finite();
const positiveInt = z.number().int().positive();

export const codecSchema = z.enum(['ckks', 'plaintext', 'ckks-shared-key']);
export type Codec = z.infer<typeof codecSchema>;

const armName = z.string().regex(/^[A-Za-z0-9][\w.+-]{0,63}$/, 'a name of letters, digits, dots, pluses, dashes and underscores');

const strategyArmSchema = z
  .object({
    name: armName,
    /** Deep-merged over the base plan (objects merge, anything else replaces, null deletes a field). */
    patch: z.record(z.string(), z.unknown()),
    /** Only these codecs (default: the experiment's), e.g. one plaintext row beside the encrypted ones. */
    codecs: z.array(codecSchema).min(1).optional(),
    /** Only these seeds (default: the experiment's). */
    seeds: z.array(seed).min(1).optional(),
    /** The method in the published-reference file this arm is read against. */
    published: z.string().min(1).optional(),
  })
  .strict();

const generateSchema = z
  .object({ hospitals: positiveInt.max(64), patients: positiveInt.max(100_000), seed })
  .strict();

const dataSchema = z.union([
  z.string().min(1),
  z.object({ generate: generateSchema }).strict(),
]);

const baselineTrainingSchema = z
  .object({ optimizer: z.enum(['adam', 'sgd']), learningRate: positive, batchSize: positiveInt, epochs: positiveInt.max(10_000) })
  .strict();

const baselinesSchema = z
  .object({
    /** Each centre alone; `published` maps a site id to its published method (e.g. "Local 0"). */
    local: z.object({ training: baselineTrainingSchema, published: z.record(z.string(), z.string().min(1)).optional() }).strict().optional(),
    pooled: z.object({ training: baselineTrainingSchema, published: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();

export const experimentSchema = z
  .object({
    description: z.string().max(2000).optional(),
    /** Base plan files, relative to the experiment file. */
    plans: z.array(z.string().min(1)).min(1),
    /** `uci-heart`, a folder (relative to the experiment file) or a synthetic consortium to generate first. */
    data: dataSchema,
    seeds: z.array(seed).min(1),
    codecs: z.array(codecSchema).min(1),
    strategies: z.array(strategyArmSchema).min(1),
    baselines: baselinesSchema.optional(),
    /** A published-reference file, relative to the experiment file. */
    published: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((experiment, ctx) => {
    // An arm name may repeat under other codecs (FedAvg encrypted on every seed, and once in plaintext).
    const seen = new Set<string>();
    experiment.strategies.forEach((arm, i) => {
      for (const codec of arm.codecs ?? experiment.codecs) {
        const key = `${arm.name} ${codec}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['strategies', i, 'name'], message: `strategy ${arm.name} appears twice with codec ${codec}` });
        seen.add(key);
      }
    });
    for (const key of ['seeds', 'codecs'] as const) {
      const values: readonly unknown[] = experiment[key];
      if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: [key], message: `duplicate ${key.slice(0, -1)}` });
    }
  });

export type Experiment = z.infer<typeof experimentSchema>;
export type StrategyArm = Experiment['strategies'][number];
export type BaselineTraining = z.infer<typeof baselineTrainingSchema>;
export type BaselineMode = 'local' | 'pooled';
export type GenerateSpec = z.infer<typeof generateSchema>;
