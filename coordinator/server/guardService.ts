// Wraps every handler of the Coordinator service: no call is served before the run has started, no site holds more
// than its share of calls or connections, so one misbehaving site cannot starve the others, and no handler sees a
// request that was not protobuf.
import type { UntypedHandleCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import type { Consortium } from '../../common/kit/Consortium.ts';
import { MedflError } from '../../common/MedflError.ts';
import { toServiceError } from '../../common/wire/serviceError.ts';
import { refuseUndecodable } from '../../common/wire/undecodableMessage.ts';
import { peerSite } from './peerSite.ts';
import { SiteCallLimits } from './SiteCallLimits.ts';

export interface GuardOptions {
  readonly consortium: Consortium;
  readonly limits: SiteCallLimits;
  /** False until the run is created or resumed: calls before then are told to come back. */
  isReady(): boolean;
  /** Called with each authenticated site, so a failed round can say who never reached this coordinator. */
  onSite(siteId: string): void;
}

interface GuardedCall {
  /** Present on unary and server-streaming calls. */
  readonly request?: unknown;
  getAuthContext(): { sslPeerCertificate?: PeerCertificate } | null;
  getPeer(): string;
  on(event: string, listener: () => void): unknown;
  emit(event: string, value: unknown): unknown;
}
type Reply = (error: unknown) => void;

/** The same refusal for every kind of call: a unary or client-streaming reply, or a server stream's 'error'. */
function refuse(call: GuardedCall, reply: Reply | undefined, thrown: unknown): void {
  if (reply) reply(toServiceError(thrown));
  else call.emit('error', toServiceError(thrown));
}

/** Takes a slot for the call, or throws; an unauthenticated call is left to its handler, which refuses it. */
function admit(options: GuardOptions, call: GuardedCall): (() => void) | undefined {
  if (!options.isReady()) throw new MedflError('TRANSPORT_UNAVAILABLE', 'the coordinator is still starting its run; try again shortly');
  let site: string;
  try {
    site = peerSite(call, options.consortium).id;
  } catch {
    return undefined;
  }
  options.onSite(site);
  return options.limits.enter(site, call.getPeer());
}

function guard(options: GuardOptions, handler: UntypedHandleCall): UntypedHandleCall {
  const guarded = (call: GuardedCall, reply?: Reply): void => {
    let release: (() => void) | undefined;
    try {
      release = admit(options, call);
      // A unary or server-streaming request is decoded before its handler runs; one that is not protobuf stops here
      // (a streamed message is refused by the handler's decoder).
      refuseUndecodable(call.request);
    } catch (thrown) {
      release?.();
      refuse(call, reply, thrown);
      return;
    }
    const done = () => release?.();
    for (const event of ['cancelled', 'finish', 'close', 'error']) call.on(event, done);
    const wrapped: Reply | undefined = reply && ((...args: unknown[]) => {
      done();
      (reply as (...values: unknown[]) => void)(...args);
    });
    (handler as (call: GuardedCall, reply?: Reply) => void)(call, wrapped);
  };
  return guarded as unknown as UntypedHandleCall;
}

export function guardService(service: UntypedServiceImplementation, options: GuardOptions): UntypedServiceImplementation {
  return Object.fromEntries(Object.entries(service).map(([name, handler]) => [name, guard(options, handler)]));
}
