// Counts in sentences people read: "1 file", "2 files", "1 round".
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}
