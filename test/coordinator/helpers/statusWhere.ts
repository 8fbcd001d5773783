// Waiting on a running coordinator's status feed in tests.
import type { RunStatus } from '../../../common/wire/protocolTypes.ts';
import type { RunningCoordinator } from '../../../coordinator/startCoordinator.ts';

/** Resolves with the first status that satisfies `predicate` (bounded by the test timeout). */
export function statusWhere(coordinator: RunningCoordinator, predicate: (status: RunStatus) => boolean): Promise<RunStatus> {
  return new Promise((resolve) => {
    const stop = coordinator.engine.watch((status) => {
      if (predicate(status)) {
        queueMicrotask(() => stop());
        resolve(status);
      }
    });
  });
}
