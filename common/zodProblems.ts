// The one way medfl words a schema's complaints about untrusted input: `path: message`, `(root)` for the value itself.
import type { z } from 'zod';

export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
