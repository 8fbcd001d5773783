// The he bench's comparison codecs, built straight on SEAL with the slot encoder (N/2 reals per ciphertext): medfl's
// ring and prime with slots instead of coefficient packing, and the common tutorial setting.
import { chooseCkksParameters } from '../../../common/he/ckksParameters.ts';
import { loadSeal, type CipherText, type PlainText, type SEALLibrary } from '../../../common/he/loadSeal.ts';
import { BENCH_PLAN, type BenchCodec } from './BenchCodec.ts';

export interface SlotSetting {
  readonly label: string;
  readonly degree: number;
  readonly primes: number[];
  readonly scaleBits: number;
  /** Symmetric seeded + uncompressed (medfl's choices) or public-key + zstd (node-seal's defaults). */
  readonly seeded: boolean;
}

/** The tutorial's way: the slot encoder, N/2 reals per ciphertext. */
export const TUTORIAL: SlotSetting = { label: 'tutorial N=8192 q=60/40/40/60 scale=2^40 slots public-key zstd', degree: 8192, primes: [60, 40, 40, 60], scaleBits: 40, seeded: false };

/** medfl's ring, prime and encryption but the slot encoder: isolates what coefficient packing saves. */
export function slotVariant(parameterCount: number): SlotSetting {
  const p = chooseCkksParameters({ parameterCount, ...BENCH_PLAN });
  return { label: `slots N=${p.polyModulusDegree} q=${p.primeBits}b scale=2^${p.scaleBits} slot-packed seeded, 64-bit SEAL words`, degree: p.polyModulusDegree, primes: [p.primeBits], scaleBits: p.scaleBits, seeded: true };
}

/** The SEAL objects and choices of one setting, made once per codec so that none of it is timed per update. */
function slotTools(seal: SEALLibrary, setting: SlotSetting) {
  const { degree } = setting;
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  parms.setPolyModulusDegree(degree);
  parms.setCoeffModulus(seal.CoeffModulus.Create(degree, Int32Array.from(setting.primes)));
  const context = seal.Context(parms, true, seal.SecurityLevel.tc128);
  const generator = seal.KeyGenerator(context);
  const secretKey = generator.secretKey();
  const publicKey = generator.createPublicKey();
  const encryptor = seal.Encryptor(context, publicKey, secretKey);
  const decryptor = seal.Decryptor(context, secretKey);
  const evaluator = seal.Evaluator(context);
  const encoder = seal.CKKSEncoder(context);
  const encrypt = (plain: PlainText) => (setting.seeded ? encryptor.encryptSymmetricSerializable(plain) : encryptor.encrypt(plain));
  return {
    seal, parms, context, generator, secretKey, publicKey, encryptor, decryptor, evaluator, encoder, encrypt,
    slots: encoder.slotCount,
    scale: 2 ** setting.scaleBits,
    compression: setting.seeded ? seal.ComprModeType.none : seal.ComprModeType.zstd,
  };
}

type SlotTools = ReturnType<typeof slotTools>;

function* encryptSlots(tools: SlotTools, update: Float32Array, examples: number, parameterCount: number): Generator<Uint8Array> {
  for (let start = 0; start < parameterCount; start += tools.slots) {
    const values = Float64Array.from(update.subarray(start, start + tools.slots), (v) => v * examples);
    const plain = tools.encoder.encode(values, tools.scale);
    const cipher = plain ? tools.encrypt(plain) : undefined;
    const bytes = cipher ? cipher.saveArray(tools.compression) : new Uint8Array();
    plain?.delete();
    cipher?.delete();
    yield bytes;
  }
}

export async function slotCodec(setting: SlotSetting, parameterCount: number): Promise<BenchCodec> {
  const tools = slotTools(await loadSeal(), setting);
  const { seal, context, evaluator, decryptor, encoder, slots } = tools;
  let totals: CipherText[] = [];
  return {
    label: setting.label,
    encrypt: (update, examples) => encryptSlots(tools, update, examples, parameterCount),
    fold(chunks) {
      const loaded = chunks.map((bytes) => {
        const cipher = seal.CipherText();
        cipher.loadArray(context, bytes);
        return cipher;
      });
      if (totals.length === 0) totals = loaded;
      else loaded.forEach((cipher, i) => (evaluator.add(totals[i] as CipherText, cipher, totals[i]), cipher.delete()));
    },
    decrypt(total) {
      const mean = new Float32Array(parameterCount);
      totals.forEach((cipher, i) => {
        const plain = decryptor.decrypt(cipher);
        const values = plain ? encoder.decode(plain) : new Float64Array();
        plain?.delete();
        for (let j = 0; j < slots && i * slots + j < parameterCount; j++) mean[i * slots + j] = (values[j] ?? NaN) / total;
      });
      return mean;
    },
    dispose() {
      const { publicKey, secretKey, generator, encryptor, parms } = tools;
      for (const object of [...totals, encoder, evaluator, decryptor, encryptor, publicKey, secretKey, generator, context, parms]) object.delete();
    },
  };
}
