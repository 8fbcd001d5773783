// SubmitDecryptionShare over the real mutual-TLS channel, as a decryptor sends it (the site's own client is built on
// the site side; this one speaks the wire contract directly).
import { credentials, type Client, type ClientWritableStream, type ServiceError } from '@grpc/grpc-js';
import { CLIENT_CHANNEL_OPTIONS, coordinatorProtos } from '../../../common/wire/loadProtos.ts';
import { fromServiceError } from '../../../common/wire/serviceError.ts';
import type { DecryptionShareEnvelope, DecryptionShareReceipt } from '../../../common/wire/protocolTypes.ts';
import { fromWireDecryptionShareReceipt, toWireDecryptionSharePart } from '../../../common/wire/wireCodec.ts';
import type { Kit } from '../../../common/kit/loadKit.ts';

type Callback = (error: ServiceError | null, reply: unknown) => void;
interface ShareRaw extends Client {
  submitDecryptionShare(callback: Callback): ClientWritableStream<unknown>;
}

export interface ShareClient {
  /** Sends `messages` (wire objects, in order) and resolves with the decoded receipt, or rejects with the MedflError. */
  send(messages: readonly object[]): Promise<DecryptionShareReceipt>;
  submit(envelope: DecryptionShareEnvelope, chunks: readonly Uint8Array[]): Promise<DecryptionShareReceipt>;
  /** Opens a call, sends `messages` and leaves it open (for idle timeouts); resolves with the refusal. */
  stall(messages: readonly object[]): Promise<unknown>;
  close(): void;
}

export const shareMessages = (envelope: DecryptionShareEnvelope, chunks: readonly Uint8Array[]): object[] => [
  toWireDecryptionSharePart({ envelope }),
  ...chunks.map((data, index) => toWireDecryptionSharePart({ chunk: { index, data } })),
];

export function shareClient(address: string, kit: Kit, coordinatorKit: Kit): ShareClient {
  const { Client: Raw } = coordinatorProtos();
  const { coordinator } = coordinatorKit.consortium;
  const channel = credentials.createSsl(Buffer.from(kit.tls.caPem), Buffer.from(kit.tls.keyPem), Buffer.from(kit.tls.certPem), {
    checkServerIdentity: (_host, certificate) => (certificate.fingerprint256 === coordinator.certFingerprint256 ? undefined : new Error('not the coordinator')),
  });
  const options = { ...CLIENT_CHANNEL_OPTIONS, 'grpc.ssl_target_name_override': coordinator.id, 'grpc.default_authority': coordinator.id };
  const raw = new Raw(address, channel, options) as unknown as ShareRaw;
  function open(messages: readonly object[], end: boolean): Promise<DecryptionShareReceipt> {
    return new Promise((resolve, reject) => {
      const stream = raw.submitDecryptionShare((error, reply) => {
        if (error) reject(fromServiceError(error));
        else resolve(fromWireDecryptionShareReceipt(reply));
      });
      for (const message of messages) stream.write(message);
      if (end) stream.end();
    });
  }
  return {
    send: (messages) => open(messages, true),
    submit: (envelope, chunks) => open(shareMessages(envelope, chunks), true),
    stall: (messages) => open(messages, false).then(() => undefined, (thrown: unknown) => thrown),
    close: () => raw.close(),
  };
}
