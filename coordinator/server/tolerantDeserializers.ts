// The Coordinator service definition with deserializers that never throw (common/wire/undecodableMessage.ts says why):
// bytes that are not a protobuf request reach the guard or the handler's decoder, which refuse them with WIRE_INVALID.
import type { ServiceDefinition } from '@grpc/grpc-js';
import { markUndecodable } from '../../common/wire/undecodableMessage.ts';

export function tolerantDeserializers(service: ServiceDefinition): ServiceDefinition {
  return Object.fromEntries(
    Object.entries(service).map(([method, definition]) => [method, { ...definition, requestDeserialize: markUndecodable(method, definition.requestDeserialize) }]),
  ) as ServiceDefinition;
}
