// The process's memory as a long-running party logs it after each round, in MB to one decimal: resident set, the V8
// heap in use and committed, and memory outside the heap (Buffers, ArrayBuffers, wasm). A steady rise of heapUsedMb
// across rounds is retained JavaScript; rss alone also moves with how lazily V8 and malloc give pages back.
export interface ProcessMemoryMb {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

export function processMemoryMb(): ProcessMemoryMb {
  const usage = process.memoryUsage();
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external) };
}
