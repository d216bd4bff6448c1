import { describe, expect, it } from 'vitest';
import { classifyName, words } from './names.ts';

const none = new Set<string>();
const secret = (kind: 'header' | 'param' | 'member', name: string) =>
  classifyName(kind, name, none).secret;

describe('secret names', () => {
  it('splits snake, kebab, camel and Pascal case into the same words', () => {
    expect(words('SecretAccessKey')).toEqual(['secret', 'access', 'key']);
    expect(words('secret_access_key')).toEqual(['secret', 'access', 'key']);
    expect(words('X-API-Key')).toEqual(['x', 'api', 'key']);
    expect(words('PHPSESSID')).toEqual(['phpsessid']);
  });

  it('headers carrying key, token, secret, auth, session, signature, password or credential, in any style', () => {
    for (const name of [
      'Authorization',
      'Proxy-Authorization',
      'Cookie',
      'Set-Cookie',
      'Ocp-Apim-Subscription-Key',
      'X-Parse-Master-Key',
      'AccessKey',
      'x-goog-api-key',
      'X_AUTH_TOKEN',
      'X-Amz-Security-Token',
      'X-Session-Id',
      'Signature',
      'X-Password',
      'X-Vendor-Credentials',
      'x-csrf-token',
    ])
      expect(secret('header', name), name).toBe(true);
  });

  it('not public headers that only look like credentials', () => {
    for (const name of [
      'WWW-Authenticate',
      'Proxy-Authenticate',
      'Authentication-Info',
      'Idempotency-Key',
      'Sec-WebSocket-Key',
      'Access-Control-Allow-Credentials',
      'Content-Security-Policy',
      'Keep-Alive',
      ':authority',
      'Accept',
      'X-Request-Id',
    ])
      expect(secret('header', name), name).toBe(false);
  });

  it('query parameters: session ids, JWTs, OAuth codes, SAS signatures, access keys', () => {
    for (const name of [
      'session_id',
      'sessionId',
      'jwt',
      'PHPSESSID',
      'JSESSIONID',
      'code',
      'sig',
      'access_key',
      'api_key',
      'key',
      'access_token',
      'X-Amz-Signature',
      'X-Amz-Credential',
      'client_secret',
      'password',
    ])
      expect(secret('param', name), name).toBe(true);
    for (const name of ['page', 'keyword', 'currency_code', 'state', 'monkey', 'q'])
      expect(secret('param', name), name).toBe(false);
  });

  it('JSON members in snake, camel and Pascal case, not members about a secret', () => {
    for (const name of [
      'secret_key',
      'SecretAccessKey',
      'clientSecret',
      'password',
      'Password',
      'ApiToken',
      'api_key',
      'apiKey',
      'private_key',
      'SessionToken',
      'refresh_token',
      'credentials',
      'authorization',
    ])
      expect(secret('member', name), name).toBe(true);
    for (const name of [
      'key',
      'author',
      'token_type',
      'tokenUrl',
      'password_policy',
      'expires_in',
      'AccessKeyId',
      'public_key',
      'message',
    ])
      expect(secret('member', name), name).toBe(false);
  });

  it('a profile’s names are secrets in any style, and keep a fingerprint', () => {
    const extra = new Set(['xacmekey']);
    expect(classifyName('header', 'X-Acme-Key', extra)).toEqual({ secret: true, keyLike: true });
    expect(classifyName('member', 'x_acme_key', extra).secret).toBe(true);
    expect(classifyName('header', 'X-Acme-Keys', extra).secret).toBe(true);
    expect(classifyName('param', 'tenant', new Set(['tenant'])).secret).toBe(true);
  });
});
