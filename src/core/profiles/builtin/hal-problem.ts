import type { ProfileInput } from '../schema.ts';

/**
 * An API using HAL for success and RFC 7807 Problem Details for errors. Every fact is from the
 * seed document `hal-problem-api-status-codes.txt`. No host is documented, so the profile matches
 * by its media types; a user profile with `"extends": "hal-problem"` pins it to a host.
 */
const DOC = 'HAL + Problem Details API status codes (hal-problem-api-status-codes.txt)';

export const halProblem: ProfileInput = {
  id: 'hal-problem',
  name: 'HAL + Problem Details API',
  source: DOC,
  // "We use Hypertext Application Language (HAL) (application/hal+json) for successful responses
  // (2xx)." / "We follow the Problem Details (application/problem+json) for error responses."
  match: { contentTypes: ['application/hal+json', 'application/problem+json'] },
  statuses: {
    // "Successful requests"
    '200': { text: 'OK', meaning: 'The request succeeded.' },
    '201': {
      text: 'Created',
      meaning:
        'A POST method successfully created a resource. If the resource was already created by a previous execution of the same method, for example, the server returns the HTTP 200 OK status code.',
    },
    '202': {
      text: 'Accepted',
      meaning: 'The server accepted the request and will execute it later.',
    },
    '204': {
      text: 'No Content',
      meaning: 'The server successfully executed the method but returns no response body.',
    },
    // "4xx status codes"
    '400': {
      text: 'Bad Request',
      meaning: 'The request is not well-formed, syntactically incorrect, or violates schema.',
    },
    '404': { text: 'Not Found', meaning: 'The specified resource does not exist.' },
    '405': {
      text: 'Method Not Allowed',
      meaning: 'The server does not implement the requested HTTP method.',
    },
    '409': {
      text: 'Conflict',
      meaning: 'The request cannot be processed as it conflicts with another request.',
    },
    '413': {
      text: 'Content Too Large',
      meaning: 'The request entity is larger than the limits defined by the server.',
    },
    '422': {
      text: 'Unprocessable Entity',
      meaning: 'The request is well formatted but it fails some business logic validation',
    },
    '429': {
      text: 'Too Many Requests',
      meaning: 'The rate limit for the user, application, or token exceeds a predefined value.',
    },
    // "5xx status codes"
    '500': { text: 'Internal Server Error', meaning: 'An internal server error has occurred.' },
    '501': {
      text: 'Not Implemented',
      meaning: 'The server does not support the functionality required to fulfill the request.',
    },
    '503': { text: 'Service Unavailable', meaning: 'Service Unavailable.' },
    // "Authorization errors": OAuth 2.0, 401 and 403.
    '401': {
      text: 'Unauthorized',
      meaning:
        'The client request has not been completed because it lacks valid authentication credentials for the requested resource. This may happen when credentials are incorrect or invalid (e.g. expired).',
    },
    '403': {
      text: 'Forbidden',
      meaning:
        "The server understands the request but refuses to authorize it. Occurs when the credentials are valid but don't have required permissions.",
    },
  },
  // "Authorization errors": "industry-standard OAuth 2.0" — bearer tokens in Authorization.
  keyHeaders: ['Authorization'],
  // "Failed requests" and "Validation errors", verbatim.
  errorFormat: {
    splitCommaSeparated: false,
    documented: [
      'We follow the Problem Details (application/problem+json) for error responses. This is a standard format for HTTP status codes 4xx and 5xx. By definition, all responses contain a title and detail properties. Some requests may have additional properties.',
      "title (string): Human-readable summary of the problem type. It doesn't change from occurrence to occurrence of the problem.",
      'detail (string): Human-readable explanation specific to this occurrence of the problem.',
      'If needed, the Problem Detail may include additional fields, refer to RFC7807 for details.',
      'A Problem Detail response may include additional error details about the problems that have occurred. These can be found under the errors collection and follow the Problem Details structure. Example: {"title": "Bad Request", "detail": "Request failed validation", "errors": [{"title": "invalid_type", "detail": "`body.name` is `undefined`, but `string` is expected."}]}',
    ],
  },
  repeatedCreate: {
    // hal-problem-api-status-codes.txt, 201: "If the resource was already created by a previous
    // execution of the same method, for example, the server returns the HTTP 200 OK status code."
    status: 200,
    note: 'Already created: a previous execution of the same create made this resource, so the server answered 200 OK instead of 201 Created.',
  },
  notes: [
    'Our API returns standard HTTP status codes.',
    // "Successful requests"
    'We use Hypertext Application Language (HAL) (application/hal+json) for successful responses (2xx).',
    'HAL is a standard that establishes conventions for expressing hypermedia controls, specifically through the use of _links and _embedded properties. Use these links to request more information about and construct an API flow that is relative to a specific request.',
    // "Notes"
    'title and detail fields should not be parsed to determine the nature of the error.',
    // "Authorization errors"
    'We follow industry-standard OAuth 2.0 authorization protocol and return the HTTP 401, and 403 status code for authorization errors.',
    // Our reading of the 201 row: a repeated create answers 200 OK, so it is safe to repeat.
    'A create repeated after it succeeded answers 200 OK instead of 201 Created.',
  ],
};
