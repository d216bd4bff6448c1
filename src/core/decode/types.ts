import type { HalAnnotation } from '../annotation.ts';
import type { Header } from '../http.ts';

/** What a decoder sees. The registry parses JSON once and hands every JSON decoder the same value. */
export interface DecodeContext {
  status: number;
  /** Response media type without parameters, lower-cased (may be ''). */
  mediaType: string;
  headers: readonly Header[];
  /** Body text (already base64-decoded); only the head when `truncated`. */
  text: string;
  truncated: boolean;
  /** Profile option: split `{"error":"a, b"}` on commas (Aurora's comma-separated format). */
  splitCommaSeparated: boolean;
}

/** A decoder's result. Decoders never throw; the registry guards them anyway. */
export interface Decoded {
  /** Decoder id, e.g. "problem-details", "error-hash", "empty", "hal". */
  format: string;
  /** The response signals an error: status ≥ 400, or an error envelope on 2xx (GraphQL errors, Slack ok:false). */
  isError: boolean;
  /** Human-readable messages in body order, deduplicated, whitespace collapsed. */
  messages: string[];
  fieldErrors?: Record<string, string[]>;
  /** Most specific machine-readable code (problem `type`, `error.code`, `__type` suffix…). */
  code?: string;
  /** Documentation link found in the body (problem `type` when dereferenceable, `moreInfo`, `documentation_url`…). */
  docs?: string;
  /** Request/correlation id found in the body (`request_id`, `traceId`, S3 `<RequestId>`, problem `instance`…). */
  requestId?: string;
  /** Wait hint found in the body (Discord `retry_after`, Kubernetes `details.retryAfterSeconds`). */
  retryAfterSeconds?: number;
  /** HAL success bodies: `_links` and `_embedded` summarised. */
  hal?: HalAnnotation;
  /** Only the head of the body was decoded. */
  truncated?: boolean;
  /**
   * The whole body as JSON.parse read it, unrepaired (engine-internal, not annotated): the
   * OpenAPI schema check validates this value instead of parsing the body a second time.
   */
  json?: { value: unknown; chars: number };
}

export interface BodyInput {
  status: number;
  /** Content-Type (parameters allowed). */
  mimeType?: string;
  headers?: readonly Header[];
  text?: string;
  /** HAR `content.encoding`; "base64" bodies are decoded before decoding. */
  encoding?: string;
}

export interface DecodeOptions {
  /** Bodies over this many characters are decoded from their head and marked truncated. Default 4 MiB. */
  maxChars?: number;
  splitCommaSeparated?: boolean;
}
