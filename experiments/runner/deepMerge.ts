// A strategy arm's patch over a base plan: objects merge key by key, any other value replaces, null deletes the field
// (so a patch can swap `training.localEpochs` for an alternative field instead of holding both).

export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new value: `base` with `patch` merged in; neither argument is changed. */
export function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (isObject(value) && isObject(merged[key])) merged[key] = deepMerge(merged[key], value);
    else merged[key] = value;
  }
  return merged;
}
