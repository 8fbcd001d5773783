// One patient's values of one code over time, in growable typed arrays (12 bytes a value) so large exports fit.

export class TimeSeries {
  private times = new Float64Array(16);
  private values = new Float32Array(16);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(time: number, value: number): void {
    if (this.count === this.times.length) {
      const times = new Float64Array(this.count * 2);
      times.set(this.times);
      const values = new Float32Array(this.count * 2);
      values.set(this.values);
      this.times = times;
      this.values = values;
    }
    this.times[this.count] = time;
    this.values[this.count] = value;
    this.count += 1;
  }

  /** Times (ms since epoch) and values sorted by time; exports need not be in time order. */
  sorted(): { times: Float64Array; values: Float32Array } {
    const order = Array.from({ length: this.count }, (_, i) => i).sort((a, b) => (this.times[a] ?? 0) - (this.times[b] ?? 0));
    return {
      times: Float64Array.from(order, (i) => this.times[i] ?? 0),
      values: Float32Array.from(order, (i) => this.values[i] ?? 0),
    };
  }
}
