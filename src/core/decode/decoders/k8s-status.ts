import type { JsonDecoder } from '../decoder.ts';
import { boundedItems, decoded, FieldErrors, isErrorStatus, isRecord } from '../util.ts';

/**
 * Kubernetes `kind: Status` (api-conventions.md): `status: Failure`, `message`, `reason` (refines
 * the HTTP status), `details.causes[{reason, message, field}]`, `details.retryAfterSeconds` for
 * reasons Timeout/ServerTimeout.
 */
export const k8sStatus: JsonDecoder = {
  id: 'k8s-status',
  decode(value, ctx) {
    if (!isRecord(value) || value.kind !== 'Status') return null;
    const details = isRecord(value.details) ? value.details : {};
    const messages: unknown[] = [value.message];
    const fieldErrors = new FieldErrors();
    for (const cause of boundedItems(details.causes)) {
      if (!isRecord(cause)) continue;
      messages.push(cause.message);
      fieldErrors.add(cause.field, cause.message);
    }
    return decoded('k8s-status', ctx, {
      isError: isErrorStatus(ctx.status) || value.status === 'Failure',
      messages,
      fieldErrors,
      code: value.reason,
      retryAfterSeconds: details.retryAfterSeconds,
    });
  },
};
