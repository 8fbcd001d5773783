// Loads protos/medfl/v1 at run time (proto-loader, camelCase fields) and sets the per-message size limit.
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type ChannelOptions, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { MedflError } from '../MedflError.ts';

const PROTO_ROOT = fileURLToPath(new URL('../../protos', import.meta.url));

/**
 * 4 MiB per message, both directions. A message is an envelope, a header or ONE ciphertext (~64 KB seeded,
 * ~130 KB for a sum at N=8192; ~1 MiB at N=32768), so 4 MiB leaves room for the largest CKKS parameter set
 * while stopping a peer from making us buffer an arbitrarily large message. Models stream as many chunks.
 */
export const MESSAGE_LIMIT_BYTES = 4 * 1024 * 1024;

export const CHANNEL_LIMITS: ChannelOptions = {
  'grpc.max_receive_message_length': MESSAGE_LIMIT_BYTES,
  'grpc.max_send_message_length': MESSAGE_LIMIT_BYTES,
};

/**
 * A site's HTTP/2 receive window (per stream and per connection): 8 MiB instead of Node's 64 KiB, so the coordinator
 * can keep sending the aggregate while the site is busy decrypting what already arrived, instead of waiting for a
 * WINDOW_UPDATE after every ciphertext. It bounds what a site buffers unread. (grpc-js reads it on the client only.)
 */
export const CLIENT_RECEIVE_WINDOW: ChannelOptions = { 'grpc-node.flow_control_window': 8 * 1024 * 1024 };

interface LoadedProtos {
  service: ServiceDefinition;
  Client: ServiceClientConstructor;
}

let loaded: LoadedProtos | undefined;

/** The Coordinator service definition and its client constructor (loaded once per process). */
export function coordinatorProtos(): LoadedProtos {
  if (loaded) return loaded;
  // keepCase false: fields are camelCase in JS; uint64 as Number (only deadlines, far below 2^53).
  const definition = loadSync('medfl/v1/coordinator.proto', {
    includeDirs: [PROTO_ROOT],
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const medfl = loadPackageDefinition(definition).medfl as { v1?: { Coordinator?: ServiceClientConstructor } } | undefined;
  const Client = medfl?.v1?.Coordinator;
  if (!Client) throw new MedflError('INTERNAL', `protos under ${PROTO_ROOT} do not define medfl.v1.Coordinator`);
  loaded = { service: Client.service, Client };
  return loaded;
}
