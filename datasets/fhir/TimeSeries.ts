// One patient's values of one code over time, in growable typed arrays so large exports fit: 8 bytes a value
// (float32 value, float32 minutes from the series' first time: about half a minute's precision over 10 years).

const MINUTE_MS = 60_000;

export class TimeSeries {
  private origin = Number.NaN;
  private minutes = new Float32Array(16);
  private values = new Float32Array(16);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(time: number, value: number): void {
    if (this.count === 0) this.origin = time;
    if (this.count === this.minutes.length) {
      const capacity = Math.ceil(this.count * 1.5);
      const minutes = new Float32Array(capacity);
      minutes.set(this.minutes);
      const values = new Float32Array(capacity);
      values.set(this.values);
      this.minutes = minutes;
      this.values = values;
    }
    this.minutes[this.count] = (time - this.origin) / MINUTE_MS;
    this.values[this.count] = value;
    this.count += 1;
  }

  /** Times (ms since epoch) and values sorted by time; exports need not be in time order. */
  sorted(): { times: Float64Array; values: Float32Array } {
    const order = Array.from({ length: this.count }, (_, i) => i).sort((a, b) => (this.minutes[a] ?? 0) - (this.minutes[b] ?? 0));
    return {
      times: Float64Array.from(order, (i) => this.origin + Math.round((this.minutes[i] ?? 0) * MINUTE_MS)),
      values: Float32Array.from(order, (i) => this.values[i] ?? 0),
    };
  }
}
