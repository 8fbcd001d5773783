// Loads protos/medfl/v1 at run time (proto-loader, camelCase fields) and sets the channel options of both sides.
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
 * Keepalive, both sides: a ping after 60 s without traffic and 20 s for its answer. A hospital's firewall or NAT drops
 * an idle TCP flow silently (often after a few minutes), and a WatchRun stream is idle between rounds; without pings
 * neither side would notice until the next write, and the coordinator would keep a dead site's calls open. 60 s is
 * well above what gRPC servers tolerate from a client (grpc-js does not limit pings; C-core's default minimum is 5 min
 * without calls, hence permit_without_calls stays off on the client).
 */
const KEEPALIVE: ChannelOptions = { 'grpc.keepalive_time_ms': 60_000, 'grpc.keepalive_timeout_ms': 20_000 };

/**
 * The coordinator's server options. max_concurrent_streams caps calls per connection (a site needs one WatchRun plus
 * one upload, fetch and unary call at a time; 16 leaves room); per-site caps across connections live in
 * coordinator/server/SiteCallLimits.ts. A connection without calls for 5 min is closed (sites keep a WatchRun open, so
 * only strays are idle); every connection is retired after 2 h with 15 min grace to finish an upload or fetch, so no
 * peer holds one session (and its HTTP/2 state) for the life of a long run; a site simply reconnects.
 */
export const SERVER_CHANNEL_OPTIONS: ChannelOptions = {
  ...CHANNEL_LIMITS,
  ...KEEPALIVE,
  'grpc.max_concurrent_streams': 16,
  'grpc.max_connection_idle_ms': 5 * 60_000,
  'grpc.max_connection_age_ms': 2 * 60 * 60_000,
  'grpc.max_connection_age_grace_ms': 15 * 60_000,
};

/** A site's channel options: the message limits, keepalive, and a reconnect back-off capped at 30 s. */
export const CLIENT_CHANNEL_OPTIONS: ChannelOptions = {
  ...CHANNEL_LIMITS,
  ...KEEPALIVE,
  'grpc.max_reconnect_backoff_ms': 30_000,
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
  // keepCase false: fields are camelCase in JS; uint64 as Number (deadlines, far below 2^53, and ε in millionths, which
  // wireSchemas.ts refuses past 2^53).
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
