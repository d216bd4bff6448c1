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
  errorFormat: {
    splitCommaSeparated: false,
    documented: [
      "Problem Details (application/problem+json) for 4xx and 5xx: all responses contain a title (human-readable summary of the problem type; it doesn't change from occurrence to occurrence) and detail (human-readable explanation specific to this occurrence). Additional fields per RFC 7807.",
      'Validation errors: an errors collection whose items follow the Problem Details structure (title, detail).',
    ],
  },
  notes: [
    // "Successful requests"
    'HAL establishes conventions for expressing hypermedia controls through _links and _embedded. Use these links to request more information about and construct an API flow that is relative to a specific request.',
    // "Notes"
    'title and detail fields should not be parsed to determine the nature of the error.',
    // "Authorization errors"
    'Authorization follows the industry-standard OAuth 2.0 protocol; authorization errors return 401 and 403.',
    // 201 vs 200
    'Re-running a create that already succeeded returns 200 OK instead of 201 Created: the method is safe to repeat.',
  ],
};
