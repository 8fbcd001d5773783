// All feature values of one patient in three growable typed arrays (code index, time, value): about 10 bytes a
// value and a few objects per patient, so large exports fit. Times are float32 minutes from the patient's
// first value: about half a minute's precision over 10 years.

const MINUTE_MS = 60_000;
const INITIAL_CAPACITY = 32;

export class PatientSeries {
  private origin = Number.NaN;
  private codes = new Uint16Array(INITIAL_CAPACITY);
  private minutes = new Float32Array(INITIAL_CAPACITY);
  private values = new Float32Array(INITIAL_CAPACITY);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds a value of the feature code with index `code` (its column in WindowingOptions.featureCodes). */
  push(code: number, time: number, value: number): void {
    if (this.count === 0) this.origin = time;
    if (this.count === this.codes.length) this.grow(Math.ceil(this.count * 1.5));
    this.codes[this.count] = code;
    this.minutes[this.count] = (time - this.origin) / MINUTE_MS;
    this.values[this.count] = value;
    this.count += 1;
  }

  private grow(capacity: number): void {
    const codes = new Uint16Array(capacity);
    codes.set(this.codes);
    const minutes = new Float32Array(capacity);
    minutes.set(this.minutes);
    const values = new Float32Array(capacity);
    values.set(this.values);
    [this.codes, this.minutes, this.values] = [codes, minutes, values];
  }

  /** `time` as `sorted` returns a value pushed at it (float32 minutes from the origin), so callers can match the two. */
  storedTime(time: number): number {
    return this.origin + Math.round(Math.fround((time - this.origin) / MINUTE_MS) * MINUTE_MS);
  }

  /** Times (ms since epoch) and values of one code, sorted by time; exports need not be in time order. */
  sorted(code: number): { times: Float64Array; values: Float32Array } {
    const order: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.codes[i] === code) order.push(i);
    order.sort((a, b) => (this.minutes[a] ?? 0) - (this.minutes[b] ?? 0));
    return {
      times: Float64Array.from(order, (i) => this.origin + Math.round((this.minutes[i] ?? 0) * MINUTE_MS)),
      values: Float32Array.from(order, (i) => this.values[i] ?? 0),
    };
  }
}
