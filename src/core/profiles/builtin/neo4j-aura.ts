import type { ProfileInput } from '../schema.ts';

/**
 * Neo4j Aura API. Facts from the seed documents `aura-api-v1-overview.txt` (v1, current) and
 * `aura-api-v1beta3-overview.txt` (v1beta3, the Enterprise-only beta); where both say the same,
 * both are the source.
 */
const V1 = 'Neo4j Aura API v1 overview (aura-api-v1-overview.txt)';
const V1BETA3 = 'Neo4j Aura API v1beta3 overview (aura-api-v1beta3-overview.txt)';

const UNSAFE =
  'If, for example, you retry a request for creating an instance, you may end up with duplicate instances and end up being charged extra as a result.';

export const neo4jAura: ProfileInput = {
  id: 'neo4j-aura',
  name: 'Neo4j Aura API',
  source: `${V1}; ${V1BETA3}`,
  match: { hosts: ['api.neo4j.io'] },
  versions: [
    // aura-api-v1-overview.txt, "Versioning"
    { id: 'v1', pathPattern: '^/v1(/|$)', note: 'The current version of the Aura API is v1' },
    // aura-api-v1beta3-overview.txt: the Enterprise-only beta that v1 (the v1 overview's "current
    // version") supersedes; both overviews on deprecation.
    {
      id: 'v1beta3',
      pathPattern: '^/v1beta3(/|$)',
      legacy: true,
      note: 'v1beta3 (AuraDB Enterprise AuraDS Enterprise) is the legacy beta: its overview said "The current version of the Aura API is v1beta3" and "The Aura API is currently in beta for Aura Enterprise customers only. If you wish to participate in the beta stage, please contact your Customer Success Manager." The current version is now v1: migrate to v1. "In the future, as we deprecate legacy API versions, we will provide notice. Once the expiry date for a deprecated version has passed, that version will no longer be available."',
    },
  ],
  statuses: {
    // Both overviews, "Retries".
    '429': {
      text: 'Too Many Requests',
      meaning:
        'In the case of 429 Too Many Requests, we would recommend slowing down the rate of all requests sent from your client application and consider retrying with a suitable minimum delay and backoff strategy. Rate limiting is set to 125 requests per minute.',
    },
    '4xx': {
      meaning:
        'For other 4xx client error responses, you should not resend such requests without first correcting them.',
    },
    '5xx': {
      meaning:
        'In the event of 5xx server error responses, you may consider retrying the request after a delay if it is safe to do so. The response may include a Retry-After header with a suggestion of a suitable minimum delay before attempting to retry. A request is only guaranteed to be safe to retry if it uses an idempotent HTTP method, such as GET.',
    },
  },
  // Both overviews: "Rate limiting is set to 125 requests per minute."
  rateLimit: {
    limit: 125,
    windowSeconds: 60,
    // The overviews do not say what is counted; per credential is our assumption.
    scope: 'key',
    note: 'Rate limiting is set to 125 requests per minute.',
  },
  // Both overviews: requests are authenticated with credentials from "Authentication" (a bearer token).
  keyHeaders: ['Authorization'],
  // aura-api-v1-overview.txt, "Request tracing and troubleshooting".
  requestIdHeaders: ['X-Request-Id'],
  retry: {
    // "The response may include a Retry-After header" (5xx).
    retryAfterOn: ['5xx', '429'],
    guidance: {
      backoff:
        'You should consider your use of the Rate Limit before attempting to retry, and we recommend using an exponential backoff delay with a limited number of retries before giving up.',
      after:
        'we would recommend slowing down the rate of all requests sent from your client application and consider retrying with a suitable minimum delay and backoff strategy.',
      fix: 'For other 4xx client error responses, you should not resend such requests without first correcting them.',
      unsafe:
        'A request is only guaranteed to be safe to retry if it uses an idempotent HTTP method, such as GET.',
    },
    unsafeConsequence: UNSAFE,
  },
  support: {
    // aura-api-v1-overview.txt, "Request tracing and troubleshooting".
    contact: 'a Neo4j support ticket',
    include:
      'Neo4j Aura: “An X-Request-Id response header is returned with each request and can be used for troubleshooting. The value of this header contains a unique ID that can be used to track the journey of a request. If you run into any issues with a particular request, you can raise a support ticket and provide the X-Request-Id.”',
  },
  notes: [
    // Both overviews, "Overview".
    'The Aura API allows you to programmatically perform actions on your Aura instances without the need to log in to the Console.',
    'A complete list of the available endpoints can be seen and tested in the API Specification.',
    'Before using the API, you must follow the steps outlined in Authentication to create your credentials and authenticate your requests.',
    // Both overviews, "Versioning".
    'As and when we need to introduce breaking changes to the API, we will release a new version to ensure we do not break existing integrations.',
    // aura-api-v1beta3-overview.txt words the duplicate-instance warning slightly differently.
    'If for example, you attempt to retry a request for creating an instance, you may end up with duplicate instances and end up being charged extra as a result.',
  ],
};
