import { describe, expect, it } from 'vitest';
import { dispatcher, envelope, parseMessage, request } from './messages.ts';

describe('message contract', () => {
  it('parses a well-formed message of a known kind', () => {
    expect(parseMessage(envelope('summary:get', { tabId: 3 }))).toEqual({
      kind: 'summary:get',
      payload: { tabId: 3 },
    });
  });

  it('rejects unknown kinds, foreign messages and malformed payloads', () => {
    expect(parseMessage({ apiLens: 1, kind: 'nope', payload: {} })).toBeUndefined();
    expect(parseMessage({ greeting: 'hi' })).toBeUndefined();
    expect(
      parseMessage({ apiLens: 1, kind: 'summary:get', payload: { tabId: 'x' } }),
    ).toBeUndefined();
  });

  it('dispatches to the handler and validates the reply', async () => {
    const receive = dispatcher({ 'summary:clear': ({ tabId }) => ({ ok: tabId === 7 }) });
    await expect(request(async (m) => receive(m), 'summary:clear', { tabId: 7 })).resolves.toEqual({
      ok: true,
    });
    await expect(
      request(async () => ({ ok: 'yes' }), 'summary:clear', { tabId: 7 }),
    ).rejects.toThrow();
  });

  it('ignores messages that have no handler, so other listeners can answer', () => {
    const receive = dispatcher({});
    expect(receive(envelope('settings:changed', {}))).toBeUndefined();
  });
});

describe('message contract: inherited names', () => {
  it('does not treat Object.prototype members as kinds', () => {
    expect(parseMessage({ apiLens: 1, kind: 'toString', payload: {} })).toBeUndefined();
    expect(parseMessage({ apiLens: 1, kind: '__proto__', payload: {} })).toBeUndefined();
  });

  it('validates replies against the summary schema', async () => {
    await expect(request(async () => ({ v: 1 }), 'summary:get', { tabId: 1 })).rejects.toThrow();
    await expect(request(async () => null, 'summary:get', { tabId: 1 })).resolves.toBeNull();
  });
});
