// Settles an amends escalation the way the product promises an operator can: from the Temporal
// Web UI's own signal dialog, in a real (headless) Chromium. amends encrypts every payload; the
// UI (started with --ui-codec-endpoint <amends>/codec by scripts/it-env.sh) decodes what it shows
// and encodes the signal's input through amends' codec server.
// The codec server admits operators only. The dev server's UI has no login of its own, so it has no
// access token to pass, and its "include cross-origin credentials" setting sends cookies, which
// only a console login on the embedded default (or an OIDC login) would give. Here the browser
// adds an operator's bearer token to the UI's codec requests, as an authenticating proxy in front
// of the codec server would (docs/operations.md, "Keys and the codec server").
// Env: AMENDS_URL, TEMPORAL_UI_URL, AMENDS_TOKEN (a bearer JWT with the SERVICE, OPERATOR and
// ADMIN roles, from scripts/dev-token.sh), CODEC_TOKEN (an OPERATOR's JWT; all required);
// CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const AMENDS = required('AMENDS_URL');
const UI = required('TEMPORAL_UI_URL');
const TOKEN = required('AMENDS_TOKEN');
const CODEC_TOKEN = required('CODEC_TOKEN');
const EMAIL = 'ana.ui@example.com';
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
const orderId = `ui-${Date.now()}`;
const workflowId = `order-${orderId}`;
let browser;
let page;
const codecCalls = [];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see ui-test/run.sh)`);
  return value;
}

async function api(method, path, body) {
  const response = await fetch(AMENDS + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function until(what, probe, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) return last.value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not happen within ${seconds} s; last seen: ${JSON.stringify(last?.value)}`);
}

before(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps calling out of a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route(`${AMENDS}/codec/**`, async (route) => {
    const request = route.request();
    await route.continue({ headers: { ...request.headers(), authorization: `Bearer ${CODEC_TOKEN}` } });
  });
  page.on('response', (response) => {
    if (response.url().startsWith(`${AMENDS}/codec/`) && response.request().method() === 'POST') {
      codecCalls.push(`${response.url().slice(AMENDS.length)} ${response.status()}`);
    }
  });
});

after(async () => {
  await browser?.close();
});

test('an escalation is found and settled from the Temporal Web UI', async () => {
  const placed = await api('POST', '/orders', {
    orderId,
    customerEmail: EMAIL,
    items: [{ sku: 'BOOK-1', quantity: 1 }],
    cardToken: 'tok_refund_blocked',
    shippingAddress: { name: 'Ana', line1: '7 UNDELIVERABLE Rd', city: 'Lisbon', postalCode: '1000-001', country: 'PT' },
    currency: 'EUR',
  });
  assert.equal(placed.status, 201);
  await until('the escalation to be listed', async () => {
    const listed = await api('GET', '/escalations');
    return { ok: listed.body.some((e) => e.sagaId === workflowId), value: listed.body };
  });

  // An operator finds stuck sagas with the list query.
  const query = encodeURIComponent('SagaStatus="NEEDS_OPERATOR"');
  await until('the UI to list the saga under SagaStatus="NEEDS_OPERATOR"', async () => {
    await page.goto(`${UI}/namespaces/default/workflows?query=${query}`);
    const found = await page.getByRole('link', { name: workflowId }).first()
      .waitFor({ timeout: 3000 }).then(() => true, () => false);
    return { ok: found, value: page.url() };
  });
  await page.screenshot({ path: `${ARTIFACTS}stuck-sagas.png` });
  await page.getByRole('link', { name: workflowId }).first().click();
  await page.getByRole('heading', { name: workflowId }).waitFor();
  await page.getByText('Running', { exact: true }).first().waitFor();
  // The order's input, stored encrypted, shown decoded through the codec server.
  await page.getByText(EMAIL).first().waitFor({ timeout: 30000 });
  assert.ok(codecCalls.some((c) => c === '/codec/decode 200'), `codec calls: ${codecCalls}`);
  await page.screenshot({ path: `${ARTIFACTS}escalated-saga.png` });

  // The runbook's "fix the cause", then the decision through the UI's signal dialog.
  assert.equal((await api('POST', '/sandbox/heal', { orderId, system: 'payments' })).status, 200);
  await page.getByRole('button', { name: 'More Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send a Signal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('signal-select-button').click();
  await dialog.getByRole('option', { name: 'resolveEscalation' }).click();
  const input = dialog.getByRole('textbox').last();
  await input.click();
  await page.keyboard.insertText(
    JSON.stringify({ escalationId: 'chargeCard-1', action: 'RETRY', operator: 'ui-operator' }));
  const encoded = page.waitForResponse((r) => r.url() === `${AMENDS}/codec/encode`);
  await dialog.getByRole('button', { name: 'Submit' }).click();
  assert.equal((await encoded).status(), 200, 'the signal input was encoded by the codec server');

  const state = await until('the saga to end COMPENSATED_WITH_OPERATOR', async () => {
    const current = await api('GET', `/orders/${orderId}`);
    return { ok: current.body?.status === 'COMPENSATED_WITH_OPERATOR', value: current.body };
  });
  assert.equal(state.escalations[0].decision.operator, 'ui-operator');
  assert.equal(state.escalations[0].decision.action, 'RETRY');
  assert.ok(!JSON.stringify(state).includes(EMAIL), 'GET /orders/{id} names no e-mail address');
  await page.reload();
  await page.getByText('Completed', { exact: true }).first().waitFor({ timeout: 30000 });
  await page.screenshot({ path: `${ARTIFACTS}settled-saga.png` });
});
