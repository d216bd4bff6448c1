/** A small OpenAPI 3.0 document for tests, shaped like real ones (not used by product code). */
export const INSTANCES_30 = {
  openapi: '3.0.3',
  info: { title: 'Instances API', version: '1.2.0' },
  servers: [
    { url: 'https://api.example.test/v1/' },
    {
      url: 'https://{customer}.example.test/{region}',
      variables: { customer: { default: 'demo' }, region: { default: 'eu', enum: ['eu', 'us'] } },
    },
  ],
  paths: {
    '/instances': {
      get: {
        operationId: 'listInstances',
        summary: 'List instances',
        responses: {
          '200': {
            description: 'The instances.',
            content: {
              'application/json; charset=utf-8': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Instance' } },
              },
            },
          },
        },
      },
      post: {
        responses: {
          '201': { description: 'Created.' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/instances/me': {
      get: { operationId: 'getMyInstance', responses: { '200': { description: 'Yours.' } } },
    },
    '/instances/{instanceId}': {
      get: {
        operationId: 'getInstance',
        summary: 'Get one instance',
        responses: {
          '200': {
            description: 'The **instance**,\n  as stored.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Instance' } } },
          },
          '4XX': { $ref: '#/components/responses/Error' },
        },
      },
      delete: { operationId: 'deleteInstance', responses: { '204': { description: 'Deleted.' } } },
    },
    '/instances/{instanceId}/logs/': {
      get: { operationId: 'getLogs', responses: { '200': { description: 'Logs.' } } },
    },
    '/tree': {
      get: {
        operationId: 'getTree',
        responses: {
          '200': {
            description: 'A tree.',
            content: {
              'application/*': { schema: { $ref: '#/components/schemas/Node' } },
              'text/plain': {},
            },
          },
        },
      },
    },
  },
  components: {
    responses: {
      Error: {
        description: 'Something went wrong.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
    },
    schemas: {
      Instance: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          region: { type: 'string', nullable: true, enum: ['eu', 'us'] },
          size: { type: 'integer', minimum: 1, maximum: 8, exclusiveMaximum: true },
        },
      },
      Problem: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } },
      Node: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      },
    },
    securitySchemes: {
      headerKey: { type: 'apiKey', in: 'header', name: 'X-Instances-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'instances_key' },
      cookieKey: { type: 'apiKey', in: 'cookie', name: 'inst_session' },
      bearer: { type: 'http', scheme: 'bearer' },
    },
  },
};
