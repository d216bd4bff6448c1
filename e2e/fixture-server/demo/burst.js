// Bursts of API calls, each followed at once by a navigation (issue 8 §1: requests finishing
// just before a navigation went missing from the panel). `?run=NAME&rounds=N` plays N rounds;
// round i navigates by NAVIGATIONS[i % 3], to the next of `&hosts=a,b` (default: this host; a
// navigation to another site swaps the renderer process). `&read=0` navigates as soon as every
// response has arrived, without reading the bodies (then DevTools never reports some requests
// finished). `document.body.dataset.done` is set to the run's name after the last round.
const port = location.port ? `:${location.port}` : '';
const AURORA = `http://api.aurorasolar.com${port}/tenants/demo`;
const AURA = `http://api.neo4j.io${port}`;
const EVT = `http://api.evrythng.com${port}`;
const HAL = `http://hal.apilens.test${port}`;
const NAVIGATIONS = ['location', 'form', 'reload'];
const log = document.getElementById('log');
const params = new URLSearchParams(location.search);
const run = params.get('run');
const rounds = Math.min(30, Math.max(0, Math.trunc(Number(params.get('rounds')) || 0)));
const hosts = (params.get('hosts') ?? location.hostname).split(',').filter(Boolean);
const read = params.get('read') !== '0';
const key = `burst:${run}`;

/** One burst: every call at once. The e2e spec (capture.spec.ts) counts on these statuses. */
function burst() {
  const aurora = { Authorization: `Bearer aurora-${run}` };
  const aura = { Authorization: `Bearer aura-${run}` };
  const post = (headers, json) => ({
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(json),
  });
  return [
    [`${AURORA}/projects`, post(aurora, { name: 'Main St' })], // 422 simple
    [`${AURORA}/projects`, post(aurora, {})], // 422 error hash
    [`${AURORA}/designs`, post(aurora, {})], // 422 comma-separated
    [`${AURORA}/designs/d1/simulations`, post(aurora, {})], // 409 in progress
    [`${AURORA}/designs/d404`, { headers: aurora }], // 404, empty body
    [`${AURORA}/designs`, { headers: aurora }], // 200
    [`${AURA}/v1/instances/zz99`, { headers: aura }], // 404 with X-Request-Id
    [`${AURA}/v1/instances`, post(aura, {})], // 400, field name
    [`${HAL}/orders`, post({ Authorization: 'Bearer hal-demo-token' }, {})], // problem+json
    [`${EVT}/thngs/not-an-id!`, { headers: { Authorization: 'evt-operator-demo-key' } }], // 400
  ];
}

async function call([url, init]) {
  try {
    const res = await fetch(url, init);
    if (read) await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

async function play(round) {
  const statuses = await Promise.all(burst().map(call));
  log.textContent += `round ${round}: ${statuses.join(' ')}\n`;
  const next = round + 1;
  const how = NAVIGATIONS[round % NAVIGATIONS.length];
  const page = `http://${hosts[next % hosts.length]}${port}/burst.html`;
  const query = {
    run,
    rounds: String(rounds),
    round: String(next),
    hosts: hosts.join(','),
    read: read ? '1' : '0',
  };
  if (how === 'reload') {
    // A reload keeps the URL: the next round is remembered by this origin's sessionStorage.
    sessionStorage.setItem(key, String(next));
    location.reload();
  } else if (how === 'form') {
    const form = document.getElementById('next');
    form.action = page;
    for (const [name, value] of Object.entries(query)) form.elements[name].value = value;
    form.submit();
  } else {
    location.href = `${page}?${new URLSearchParams(query)}`;
  }
}

if (run) {
  const round = Math.max(
    Number(params.get('round') ?? 0),
    Number(sessionStorage.getItem(key) ?? 0),
  );
  if (round < rounds) void play(round);
  else document.body.dataset.done = run;
}
