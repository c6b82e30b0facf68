// Jupyter messaging v5 on the wire: frames, HMAC-SHA256 signatures, message construction.
// https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export type JsonObject = Record<string, unknown>;

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message {
  header: MessageHeader;
  /** The header of the request this message answers; `{}` when it answers none. */
  parent_header: Partial<MessageHeader>;
  metadata: JsonObject;
  content: JsonObject;
}

const DELIMITER = Buffer.from("<IDS|MSG>");
const PROTOCOL_VERSION = "5.3";

export function newMessage(msgType: string, session: string, content: JsonObject): Message {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "cnnlab",
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

function sign(key: string, parts: (string | Buffer)[]): string {
  const hmac = createHmac("sha256", key);
  for (const p of parts) hmac.update(p);
  return hmac.digest("hex");
}

/** The frames to send on a DEALER socket: no routing identities, then the delimiter. */
export function encode(key: string, msg: Message): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p)));
  return [DELIMITER, Buffer.from(sign(key, parts)), ...parts];
}

/** Parses received frames and checks the signature; throws naming what is wrong. */
export function decode(key: string, frames: Buffer[]): Message {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) throw new Error("kernel message: missing <IDS|MSG> delimiter or parts");
  const signature = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  if (key) {
    const want = Buffer.from(sign(key, parts));
    if (signature.length !== want.length || !timingSafeEqual(signature, want)) {
      throw new Error("kernel message: bad HMAC signature");
    }
  }
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString("utf8")));
  return { header, parent_header: parent, metadata, content };
}
