import { Profile } from './schema.ts';

/**
 * Every status code in the IANA HTTP Status Code Registry, with a meaning in our own words and
 * the RFC that defines it. Used when no provider profile matches, and for codes a provider does
 * not document.
 */
export interface RfcStatus {
  text: string;
  meaning: string;
  cite: string;
}

const S = (text: string, meaning: string, cite: string): RfcStatus => ({ text, meaning, cite });

export const RFC_STATUSES: Readonly<Record<number, RfcStatus>> = {
  100: S(
    'Continue',
    'The server got the request headers; the client may send the body.',
    'RFC 9110 §15.2.1',
  ),
  101: S(
    'Switching Protocols',
    'The server is switching to the protocol named in Upgrade.',
    'RFC 9110 §15.2.2',
  ),
  102: S(
    'Processing',
    'The server accepted a WebDAV request and is still working on it (deprecated).',
    'RFC 2518 §10.1',
  ),
  103: S(
    'Early Hints',
    'Preliminary headers (e.g. Link preloads) sent before the final response.',
    'RFC 8297 §2',
  ),
  104: S(
    'Upload Resumption Supported',
    'The server supports resumable uploads for this request (a temporary IANA registration for a draft).',
    'draft-ietf-httpbis-resumable-upload',
  ),
  200: S('OK', 'The request succeeded.', 'RFC 9110 §15.3.1'),
  201: S('Created', 'The request created a resource; Location identifies it.', 'RFC 9110 §15.3.2'),
  202: S(
    'Accepted',
    'The request was accepted for processing, which has not finished (and may still fail).',
    'RFC 9110 §15.3.3',
  ),
  203: S(
    'Non-Authoritative Information',
    'Succeeded, but a transforming proxy modified the content.',
    'RFC 9110 §15.3.4',
  ),
  204: S('No Content', 'Succeeded, with no content in the response.', 'RFC 9110 §15.3.5'),
  205: S(
    'Reset Content',
    'Succeeded; the client should reset the form or view that sent the request.',
    'RFC 9110 §15.3.6',
  ),
  206: S('Partial Content', 'Succeeded for the requested byte ranges only.', 'RFC 9110 §15.3.7'),
  207: S(
    'Multi-Status',
    'Several independent statuses are in the body (WebDAV).',
    'RFC 4918 §11.1',
  ),
  208: S(
    'Already Reported',
    'Members of this binding were already listed earlier in the response (WebDAV).',
    'RFC 5842 §7.1',
  ),
  226: S(
    'IM Used',
    'Succeeded; the response is the result of instance manipulations (delta encoding).',
    'RFC 3229 §10.4.1',
  ),
  300: S(
    'Multiple Choices',
    'Several representations exist; the client should pick one.',
    'RFC 9110 §15.4.1',
  ),
  301: S(
    'Moved Permanently',
    'The resource has a new permanent URI (clients may change POST to GET).',
    'RFC 9110 §15.4.2',
  ),
  302: S(
    'Found',
    'The resource is temporarily at another URI (clients may change POST to GET).',
    'RFC 9110 §15.4.3',
  ),
  303: S('See Other', 'Fetch the result with GET from the URI in Location.', 'RFC 9110 §15.4.4'),
  304: S(
    'Not Modified',
    'The cached copy is still valid (conditional request).',
    'RFC 9110 §15.4.5',
  ),
  305: S('Use Proxy', 'Deprecated; no longer used.', 'RFC 9110 §15.4.6'),
  306: S('(Unused)', 'Reserved; no longer used.', 'RFC 9110 §15.4.7'),
  307: S(
    'Temporary Redirect',
    'The resource is temporarily at another URI; repeat the same method there.',
    'RFC 9110 §15.4.8',
  ),
  308: S(
    'Permanent Redirect',
    'The resource moved permanently; repeat the same method at the new URI.',
    'RFC 9110 §15.4.9',
  ),
  400: S(
    'Bad Request',
    'The server will not process the request because of a client error (malformed syntax, invalid framing, bad parameters).',
    'RFC 9110 §15.5.1',
  ),
  401: S(
    'Unauthorized',
    'Valid authentication credentials are missing or were rejected; see WWW-Authenticate.',
    'RFC 9110 §15.5.2',
  ),
  402: S(
    'Payment Required',
    'Reserved for future use; some APIs use it for billing problems.',
    'RFC 9110 §15.5.3',
  ),
  403: S(
    'Forbidden',
    'The server understood the request and refuses it; new credentials will not help unless they grant access.',
    'RFC 9110 §15.5.4',
  ),
  404: S(
    'Not Found',
    'No current representation for the target resource (or the server will not say it exists).',
    'RFC 9110 §15.5.5',
  ),
  405: S(
    'Method Not Allowed',
    'The method is not supported by the target resource; Allow lists those that are.',
    'RFC 9110 §15.5.6',
  ),
  406: S(
    'Not Acceptable',
    'No representation matches the Accept headers of the request.',
    'RFC 9110 §15.5.7',
  ),
  407: S(
    'Proxy Authentication Required',
    'The client must authenticate with the proxy.',
    'RFC 9110 §15.5.8',
  ),
  408: S(
    'Request Timeout',
    'The server did not receive a complete request in time; the request was not processed.',
    'RFC 9110 §15.5.9',
  ),
  409: S(
    'Conflict',
    'The request conflicts with the current state of the resource.',
    'RFC 9110 §15.5.10',
  ),
  410: S(
    'Gone',
    'The resource is permanently gone, with no forwarding address.',
    'RFC 9110 §15.5.11',
  ),
  411: S('Length Required', 'The server requires a Content-Length.', 'RFC 9110 §15.5.12'),
  412: S(
    'Precondition Failed',
    'A precondition in the request headers (If-Match…) evaluated to false.',
    'RFC 9110 §15.5.13',
  ),
  413: S(
    'Content Too Large',
    'The request content is larger than the server will process; Retry-After may say when to try again.',
    'RFC 9110 §15.5.14',
  ),
  414: S(
    'URI Too Long',
    'The target URI is longer than the server will interpret.',
    'RFC 9110 §15.5.15',
  ),
  415: S(
    'Unsupported Media Type',
    'The content type or encoding of the request is not supported for this method and resource.',
    'RFC 9110 §15.5.16',
  ),
  416: S(
    'Range Not Satisfiable',
    'None of the requested ranges overlap the representation.',
    'RFC 9110 §15.5.17',
  ),
  417: S('Expectation Failed', 'The Expect header could not be met.', 'RFC 9110 §15.5.18'),
  418: S(
    '(Unused)',
    "Reserved: RFC 9110 keeps it unassigned because of the 'I'm a teapot' joke (RFC 2324); servers should not use it.",
    'RFC 9110 §15.5.19',
  ),
  421: S(
    'Misdirected Request',
    'The request reached a server that cannot answer for this origin (e.g. a reused connection).',
    'RFC 9110 §15.5.20',
  ),
  422: S(
    'Unprocessable Content',
    'The request is well-formed but its instructions cannot be processed (usually validation).',
    'RFC 9110 §15.5.21',
  ),
  423: S('Locked', 'The resource is locked (WebDAV).', 'RFC 4918 §11.3'),
  424: S(
    'Failed Dependency',
    'The request failed because an action it depended on failed (WebDAV).',
    'RFC 4918 §11.4',
  ),
  425: S(
    'Too Early',
    'The server will not risk processing a request that might be replayed (TLS early data).',
    'RFC 8470 §5.2',
  ),
  426: S(
    'Upgrade Required',
    'The client must switch to the protocol named in Upgrade.',
    'RFC 9110 §15.5.22',
  ),
  428: S(
    'Precondition Required',
    'The server requires a conditional request (If-Match) to avoid lost updates.',
    'RFC 6585 §3',
  ),
  429: S(
    'Too Many Requests',
    'The client sent too many requests in a given time (rate limiting); Retry-After may say how long to wait.',
    'RFC 6585 §4',
  ),
  431: S(
    'Request Header Fields Too Large',
    'One header field, or all of them together, are too large.',
    'RFC 6585 §5',
  ),
  451: S(
    'Unavailable For Legal Reasons',
    'Access is denied as a consequence of a legal demand.',
    'RFC 7725 §3',
  ),
  500: S(
    'Internal Server Error',
    'The server hit an unexpected condition. The request may or may not have been acted on.',
    'RFC 9110 §15.6.1',
  ),
  501: S(
    'Not Implemented',
    'The server does not support the functionality required (e.g. an unknown method).',
    'RFC 9110 §15.6.2',
  ),
  502: S(
    'Bad Gateway',
    'A gateway or proxy got an invalid response from the upstream server.',
    'RFC 9110 §15.6.3',
  ),
  503: S(
    'Service Unavailable',
    'The server is temporarily overloaded or down for maintenance; Retry-After may say for how long.',
    'RFC 9110 §15.6.4',
  ),
  504: S(
    'Gateway Timeout',
    'A gateway or proxy did not get a timely response from the upstream server.',
    'RFC 9110 §15.6.5',
  ),
  505: S(
    'HTTP Version Not Supported',
    'The server does not support the HTTP major version of the request.',
    'RFC 9110 §15.6.6',
  ),
  506: S(
    'Variant Also Negotiates',
    'Content negotiation is misconfigured on the server (circular reference).',
    'RFC 2295 §8.1',
  ),
  507: S(
    'Insufficient Storage',
    'The server cannot store what the request needs (WebDAV).',
    'RFC 4918 §11.5',
  ),
  508: S(
    'Loop Detected',
    'The server found an infinite loop while processing the request (WebDAV).',
    'RFC 5842 §7.2',
  ),
  510: S(
    'Not Extended',
    'Obsoleted: the request lacked a required extension (historic).',
    'RFC 2774 §7',
  ),
  511: S(
    'Network Authentication Required',
    'A captive portal or network requires authentication before access.',
    'RFC 6585 §6',
  ),
};

/** Class meanings for codes outside the registry (RFC 9110 §15: "treat as the x00 of its class"). */
export const RFC_CLASSES: Readonly<Record<number, RfcStatus>> = {
  1: S('Informational', 'An interim response; the request continues.', 'RFC 9110 §15.2'),
  2: S('Success', 'The request was received, understood and accepted.', 'RFC 9110 §15.3'),
  3: S('Redirection', 'Further action is needed to complete the request.', 'RFC 9110 §15.4'),
  4: S('Client Error', 'The request contains an error on the client side.', 'RFC 9110 §15.5'),
  5: S(
    'Server Error',
    'The server failed to fulfil an apparently valid request.',
    'RFC 9110 §15.6',
  ),
};

/** The profile used when none matches: RFC meanings only, no rate limit, no documented formats. */
export const GENERIC_PROFILE: Profile = Profile.parse({
  id: 'generic',
  name: 'Generic HTTP API',
  source: 'RFC 9110 and the IANA HTTP Status Code Registry',
});
