import { describe, expect, it } from 'vitest';
import { endpointTemplate } from './endpoint.ts';

describe('endpointTemplate', () => {
  it('replaces ids but keeps words and version segments', () => {
    expect(endpointTemplate('https://api.neo4j.io/v1beta3/instances/2f49c2b3?x=1')).toBe(
      'api.neo4j.io/v1beta3/instances/{id}',
    );
    expect(endpointTemplate('https://api.example.com/v1/users/42/posts')).toBe(
      'api.example.com/v1/users/{id}/posts',
    );
    expect(endpointTemplate('https://x.test/a/3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe(
      'x.test/a/{id}',
    );
    expect(endpointTemplate('https://x.test/customers/cus_9s6XKzkNRiz8i3/cards')).toBe(
      'x.test/customers/{id}/cards',
    );
    expect(endpointTemplate('https://x.test/tenants/acme/designs')).toBe(
      'x.test/tenants/acme/designs',
    );
  });

  it('drops userinfo, query and fragment, and lower-cases the host', () => {
    expect(endpointTemplate('https://user:pw@API.Example.com/a#f')).toBe('api.example.com/a');
    expect(endpointTemplate('https://api.example.com')).toBe('api.example.com/');
  });
});
