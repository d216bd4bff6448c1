import type { DecodeContext, Decoded } from './types.ts';

/** A decoder for one JSON shape. Gets the value the registry parsed once; returns null when the shape does not match. */
export interface JsonDecoder {
  id: string;
  /** Also consulted on 1xx–3xx: error envelopes served with 200 (GraphQL, Slack) and HAL summaries. */
  onSuccess?: boolean;
  decode(value: unknown, ctx: DecodeContext): Decoded | null;
}

/** A decoder for a non-JSON body (XML, HTML, plain text). */
export interface TextBodyDecoder {
  id: string;
  decode(ctx: DecodeContext): Decoded | null;
}
