// Scenarios for the API Lens demo: each calls the emulated seed APIs by their real host names,
// on this page's port (Chromium maps the names to the fixture server). Progress is written as
// text only; `document.body.dataset.done` names the scenario that finished (tests wait on it).
const port = location.port ? `:${location.port}` : '';
const AURORA = `http://api.aurorasolar.com${port}/tenants/demo`;
const AURA = `http://api.neo4j.io${port}`;
const EVT = `http://api.evrythng.com${port}`;
const EVT_EU = `http://api.eu.evrythng.com${port}`;
const HAL = `http://hal.apilens.test${port}`;
const log = document.getElementById('log');

const bearer = (token) => ({ Authorization: `Bearer ${token}` });

// Every request this page made, so tests can wait until the panel holds a row for each.
let calls = 0;
async function call(method, url, { headers = {}, json, body, type } = {}) {
  document.body.dataset.calls = String(++calls);
  const init = { method, headers: { ...headers } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.headers['Content-Type'] = type ?? 'text/plain';
    init.body = body;
  }
  try {
    const res = await fetch(url, init);
    await res.text();
    log.textContent += `${method} ${url} → ${res.status}\n`;
    return res.status;
  } catch (e) {
    log.textContent += `${method} ${url} → network error: ${e.message}\n`;
    return 0;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let bursts = 0;

const scenarios = {
  // 95 requests with one key: Aurora allows 90 per minute, so the last 5 get 429 + Retry-After.
  // A fresh key per click, so every click plays the same counts on the same server.
  async 'aurora-burst'() {
    const key = bearer(`aurora-demo-burst-${Date.now().toString(36)}-${++bursts}`);
    for (let i = 0; i < 95; i++) await call('GET', `${AURORA}/designs`, { headers: key });
  },
  async 'aurora-errors'() {
    const h = bearer('aurora-demo-key-errors');
    await call('GET', `${AURORA}/designs/d404`, { headers: h }); // 404, empty body
    await call('POST', `${AURORA}/projects`, { headers: h, json: { name: 'Main St' } }); // 422 simple
    await call('POST', `${AURORA}/designs`, { headers: h, json: {} }); // 422 comma-separated
    await call('POST', `${AURORA}/projects`, { headers: h, json: {} }); // 422 error hash
    await call('POST', `${AURORA}/designs/d1/simulations`, { headers: h, json: {} }); // 409 in progress
    await call('DELETE', `${AURORA}/designs`, { headers: h }); // 405
    await call('GET', `${AURORA}/designs`); // 401, no token
    await call('GET', `http://api.aurorasolar.com${port}/tenants/other-tenant/designs`, {
      headers: h,
    }); // 403
  },
  async polling() {
    const n = Math.max(
      0,
      Math.trunc(Number(new URLSearchParams(location.search).get('polls') ?? 6) || 0),
    );
    for (let i = 0; i < n; i++) {
      await call('GET', `${AURORA}/designs/d1/status`, { headers: bearer('aurora-demo-key-poll') });
      if (i < n - 1) await sleep(1000);
    }
  },
  async 'aura-create-500'() {
    const h = bearer('aura-demo-token');
    await call('POST', `${AURA}/v1/instances`, {
      headers: h,
      json: {
        name: 'demo-fail',
        version: '5',
        region: 'europe-west1',
        memory: '8GB',
        type: 'enterprise-db',
        tenant_id: 'tenant-1',
        cloud_provider: 'gcp',
      },
    });
    await call('GET', `${AURA}/v1/instances`, { headers: h });
  },
  async 'aura-v1beta3'() {
    await call('GET', `${AURA}/v1beta3/instances`, { headers: bearer('aura-demo-token') });
  },
  async 'aura-errors'() {
    const h = bearer('aura-demo-token');
    await call('GET', `${AURA}/v1/instances/zz99`, { headers: h }); // 404
    await call('GET', `${AURA}/v1/instances`); // 401
    await call('POST', `${AURA}/v1/instances`, { headers: h, json: {} }); // 400, field name
    await call('POST', `${AURA}/v1/instances`, {
      headers: h,
      json: { name: 'demo', tenant_id: 'tenant-2' },
    }); // 403
  },
  async 'evrythng-bad-content-type'() {
    await call('POST', `${EVT}/thngs`, {
      headers: { Authorization: 'evt-operator-demo-key' },
      body: 'name=Demo thng',
    });
  },
  async 'evrythng-errors'() {
    const h = { Authorization: 'evt-operator-demo-key' };
    await call('GET', `${EVT}/thngs/not-an-id!`, { headers: h }); // INVALID_ID
    await call('GET', `${EVT}/thngs/UaaaaaaaaaaaaaaaaaaaaaaB`, { headers: h }); // MISSING_RESOURCE
    await call('POST', `${EVT}/thngs`, { headers: h, json: {} }); // INVALID_CONTENT
    await call('POST', `${EVT}/users`, { headers: h, json: { email: 'taken@example.com' } }); // ALREADY_EXISTS
    await call('GET', `${EVT}/accounts`, { headers: h }); // ACCESS_FORBIDDEN
    await call('DELETE', `${EVT}/products`, { headers: h }); // METHOD_FORBIDDEN
    await call('DELETE', `${EVT}/projects/default`, { headers: h }); // INVALID_STATE
    await call('GET', `${EVT}/thngs`); // 401, the seed's example body
    await call('POST', `${EVT_EU}/thngs`, { headers: h, json: { name: 'Demo thng' } }); // 201 + Location
    await call('POST', `${EVT_EU}/batches`, { headers: h, json: { type: 'thngs' } }); // 202, pollable
    await call('DELETE', `${EVT_EU}/thngs/UhCxGq3YeQm8Ea2wMEkT3Hnn`, { headers: h }); // 204
  },
  async 'problem-validation'() {
    await call('POST', `${HAL}/orders`, { headers: bearer('hal-demo-token'), json: {} });
  },
  async 'hal-success'() {
    await call('GET', `${HAL}/orders`, { headers: bearer('hal-demo-token') });
  },
  async 'hal-all'() {
    const h = { ...bearer('hal-demo-token'), 'Idempotency-Key': `demo-${Date.now()}` };
    await call('POST', `${HAL}/orders`, { headers: h, json: { name: 'Lamp', total: 30 } }); // 201
    await call('POST', `${HAL}/orders`, { headers: h, json: { name: 'Lamp', total: 30 } }); // 200: same create again
    await call('POST', `${HAL}/exports`, { headers: h, json: {} }); // 202
    await call('DELETE', `${HAL}/orders/2`, { headers: h }); // 204
    await call('GET', `${HAL}/orders/999`, { headers: h }); // 404
    await call('POST', `${HAL}/orders`, { headers: h, json: { name: 'Lamp', total: -1 } }); // 422
    await call('POST', `${HAL}/uploads`, { headers: h, body: 'x'.repeat(2048) }); // 413
    await call('PATCH', `${HAL}/orders/1`, { headers: h, json: { total: 1 } }); // 501
    await call('GET', `${HAL}/orders`, { headers: bearer('read-only') }); // 200 (read is allowed)
    await call('POST', `${HAL}/orders`, {
      headers: bearer('read-only'),
      json: { name: 'Lamp', total: 3 },
    }); // 403
    await call('GET', `${HAL}/orders`); // 401
    await call('PUT', `${HAL}/orders`, { headers: h, json: {} }); // 405
    await call('POST', `${HAL}/orders/2/cancel`, { headers: h, json: {} }); // 409
    await call('GET', `${HAL}/search`, { headers: h }); // 429
    await call('GET', `${HAL}/reports`, { headers: h }); // 503
  },
};

// Every other scenario, in button order.
scenarios.all = async () => {
  for (const name of Object.keys(scenarios)) {
    if (name === 'all') continue;
    log.textContent += `— ${name}\n`;
    await scenarios[name]();
  }
};

for (const button of document.querySelectorAll('[data-scenario]')) {
  button.addEventListener('click', async () => {
    const name = button.dataset.scenario;
    delete document.body.dataset.done;
    log.textContent += `— ${name}\n`;
    await scenarios[name]();
    document.body.dataset.done = name;
  });
}
document.body.dataset.ready = 'true';
