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
    // v1 overview: "The current version of the Aura API is v1"
    { id: 'v1', pathPattern: '^/v1(/|$)', note: 'The current version of the Aura API is v1.' },
    // v1beta3 overview: "The Aura API is currently in beta for Aura Enterprise customers only." v1
    // supersedes it; both documents: "as we deprecate legacy API versions, we will provide notice.
    // Once the expiry date for a deprecated version has passed, that version will no longer be available."
    {
      id: 'v1beta3',
      pathPattern: '^/v1beta3(/|$)',
      legacy: true,
      note: 'v1beta3 is the Aura API beta for Aura Enterprise customers only (AuraDB Enterprise, AuraDS Enterprise); the current version is v1. Legacy versions are deprecated with notice, and once the expiry date of a deprecated version has passed it will no longer be available: migrate to v1.',
    },
  ],
  statuses: {
    // Both overviews, "Retries": 429 advice.
    '429': {
      text: 'Too Many Requests',
      meaning:
        'Rate limiting is set to 125 requests per minute. We would recommend slowing down the rate of all requests sent from your client application and consider retrying with a suitable minimum delay and backoff strategy.',
    },
    // Both overviews, "Retries": "For other 4xx client error responses, you should not resend such
    // requests without first correcting them."
    '4xx': {
      meaning: 'Client error: you should not resend such requests without first correcting them.',
    },
    // Both overviews, "Retries": 5xx.
    '5xx': {
      meaning:
        'Server error: you may consider retrying the request after a delay if it is safe to do so. The response may include a Retry-After header with a suggestion of a suitable minimum delay before attempting to retry. A request is only guaranteed to be safe to retry if it uses an idempotent HTTP method, such as GET.',
    },
  },
  // Both overviews: "Rate limiting is set to 125 requests per minute."
  rateLimit: {
    limit: 125,
    windowSeconds: 60,
    scope: 'key',
    note: 'Rate limiting is set to 125 requests per minute.',
  },
  keyHeaders: ['Authorization'],
  // v1 overview, "Request tracing and troubleshooting": "An X-Request-Id response header is returned
  // with each request and can be used for troubleshooting."
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
    // v1 overview: "you can raise a support ticket and provide the X-Request-Id."
    contact: 'a Neo4j support ticket',
    include:
      'Neo4j Aura: "If you run into any issues with a particular request, you can raise a support ticket and provide the X-Request-Id." The value contains a unique ID that can be used to track the journey of a request.',
  },
  notes: [
    // Both overviews.
    'The Aura API allows you to programmatically perform actions on your Aura instances without the need to log in to the Console.',
    'Before using the API, you must follow the steps outlined in Authentication to create your credentials and authenticate your requests.',
    'As and when breaking changes are needed, a new API version is released to ensure existing integrations do not break.',
    // v1beta3 overview: beta participation.
    'v1beta3: if you wish to participate in the beta stage, please contact your Customer Success Manager.',
  ],
};
