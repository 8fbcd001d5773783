// Maps any thrown value to a gRPC status: the MedflError's table status, its code in the `medfl-code` trailer.
import { Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { asMedflError } from '../../common/MedflError.ts';

export const ERROR_CODE_TRAILER = 'medfl-code';

export function toServiceError(thrown: unknown): Partial<StatusObject> & Pick<ServiceError, 'name' | 'message'> {
  const error = asMedflError(thrown);
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_TRAILER, error.code);
  return { name: error.code, code: error.grpcStatus, details: `${error.code}: ${error.message}`, message: error.message, metadata };
}
