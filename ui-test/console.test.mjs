// The operator console in a real (headless) Chromium, on the embedded default: an operator logs
// in, sees an order whose refund failed appear in the inbox without a reload, reads its runbook,
// heals the fault, decides RETRY and sees the saga settle; a write-off requested by an operator
// is approved by an approver in a second session; an editor sees no decision form and a forced
// POST is refused; a form without its CSRF token is refused; an operator starts a reconciler run
// on the ledger and reconciler page and sees it listed, an admin verifies the chain there; an
// editor undoes an edit on the stories page; axe-core finds no serious or critical violation on
// the inbox, escalation (with its timeline), saga, reconciler and story pages.
// ui-test/run-console.sh --real runs the first and last on the real parts (dev server, PostgreSQL);
// --real --oidc the first, logging in at a real OpenID provider.
// Env: AMENDS_URL, AMENDS_PASSWORD (the demo users' password; both required); TEMPORAL_UI_URL;
// CHROMIUM (default /usr/bin/chromium); SCREENSHOTS (default ../docs/images/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const AMENDS = required('AMENDS_URL');
const PASSWORD = required('AMENDS_PASSWORD');
// Set when amends runs on the real parts: the saga page links to the workflow in that UI.
const TEMPORAL_UI = process.env.TEMPORAL_UI_URL;
// Set when amends logs people in at an OpenID provider (its name on the login page).
const OIDC_PROVIDER = process.env.OIDC_PROVIDER;
const SHOTS = process.env.SCREENSHOTS ?? new URL('../docs/images/', import.meta.url).pathname;
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const run = Date.now();
let browser;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see ui-test/run-console.sh)`);
  return value;
}

async function api(user, method, path, body) {
  const response = await fetch(AMENDS + path, {
    method,
    headers: {
      'content-type': 'application/json',
      // With the OpenID login (run-console.sh --real --oidc) the API takes bearer tokens.
      authorization: process.env[`AMENDS_TOKEN_${user.toUpperCase()}`]
        ? `Bearer ${process.env[`AMENDS_TOKEN_${user.toUpperCase()}`]}`
        : 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64'),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function placeOrderWhoseRefundFails(orderId) {
  const placed = await api('service', 'POST', '/orders', {
    orderId,
    customerEmail: 'ana@example.com',
    items: [{ sku: 'BOOK-1', quantity: 2 }],
    cardToken: 'tok_refund_blocked',
    shippingAddress: { name: 'Ana', line1: '9 UNDELIVERABLE Rd', city: 'Lisbon', postalCode: '1000-001', country: 'PT' },
    currency: 'EUR',
  });
  assert.equal(placed.status, 201);
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

async function sagaStatus(orderId, wanted) {
  return until(`order ${orderId} to reach ${wanted}`, async () => {
    const read = await api('operator', 'GET', `/orders/${orderId}`);
    return { ok: read.body?.status === wanted, value: read.body?.status };
  });
}

/** A fresh browser session, logged in through the console's form. */
async function login(user) {
  // bypassCSP lets the test inject axe-core; the console's own pages run no inline script.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${AMENDS}/console/`);
  assert.match(page.url(), /\/login$/);
  if (OIDC_PROVIDER) {
    // The real profile: the provider's own login page, then back to the console.
    await page.getByRole('link', { name: `Log in with ${OIDC_PROVIDER}` }).click();
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${AMENDS}/console/`));
    await page.getByText(`Logged in as ${user}`).waitFor();
    return page;
  }
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForLoadState();
  return page;
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
async function axe(page, name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => window.axe.run(document));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `axe on ${name}`,
  );
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

test('an operator finds a failed refund, reads its runbook, heals it and settles it with RETRY', async () => {
  const orderId = `ui-retry-${run}`;
  const sagaId = `order-${orderId}`;
  const page = await login('operator');
  assert.match(page.url(), /\/console\/inbox$/);
  await page.getByRole('heading', { name: 'Inbox: open escalations' }).waitFor();

  // The inbox is open before the refund fails: the escalation appears without a reload.
  await placeOrderWhoseRefundFails(orderId);
  const row = page.getByRole('link', { name: `${sagaId} · chargeCard-1` });
  await row.waitFor({ timeout: 60000 });
  await page.screenshot({ path: `${SHOTS}console-inbox.png` });
  await axe(page, 'the inbox');

  // Keyboard: the row's link is reached and followed without a mouse.
  await row.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /Runbook: the refund of a card charge failed/ }).waitFor();
  await page.getByRole('table', { name: /Steps forward, then undos backward/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}console-escalation.png`, fullPage: true });
  await axe(page, 'the escalation page with its runbook and timeline');

  // A second tab keeps the inbox open, untouched, to see the escalation leave it without a reload.
  const inbox = await page.context().newPage();
  await inbox.goto(`${AMENDS}/console/inbox`);
  await inbox.getByRole('link', { name: `${sagaId} · chargeCard-1` }).waitFor();
  await inbox.evaluate(() => { window.notReloaded = true; });

  const healed = await api('admin', 'POST', '/sandbox/heal', { orderId, system: 'payments' });
  assert.ok(healed.status < 300, `heal answered ${healed.status}`);
  await page.getByLabel(/Retry the undo/).check();
  await page.getByRole('button', { name: 'Send decision' }).click();
  await page.getByText('Your decision RETRY was sent to the saga.').waitFor();

  await sagaStatus(orderId, 'COMPENSATED_WITH_OPERATOR');
  await until('the saga to leave the open inbox', async () => {
    const listed = await inbox.getByRole('link', { name: `${sagaId} · chargeCard-1` }).count();
    return { ok: listed === 0, value: listed };
  });
  assert.equal(await inbox.evaluate(() => window.notReloaded), true, 'the inbox was reloaded');
  await inbox.close();

  await page.goto(`${AMENDS}/console/sagas/${sagaId}/escalations/chargeCard-1`);
  await page.getByText('COMPENSATED_WITH_OPERATOR').first().waitFor();
  await page.getByText(/RETRY by operator/).first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Send decision' }).count(), 0);

  // Found again by status and order id, as the search form sends them (the server's visibility
  // store may take a moment to see the new status).
  await until('the saga to be found by its status', async () => {
    await page.goto(`${AMENDS}/console/sagas`);
    await page.getByLabel('Status').selectOption('COMPENSATED_WITH_OPERATOR');
    await page.getByLabel(/Saga id or business id/).fill(orderId);
    await page.getByRole('button', { name: 'Search' }).click();
    const found = await page.getByRole('link', { name: sagaId, exact: true }).count();
    return { ok: found === 1, value: found };
  });
  await page.getByRole('link', { name: sagaId, exact: true }).click();

  // The timeline: the refund ran twice under one idempotency key, failing, then after RETRY.
  const undo = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'undo', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: 'chargeCard', exact: true }) });
  await undo.filter({ hasText: 'in 2 runs' }).waitFor();
  await page.screenshot({ path: `${SHOTS}console-timeline.png`, fullPage: true });
  if (TEMPORAL_UI) {
    const link = page.getByRole('link', { name: 'This workflow in the Temporal Web UI' });
    assert.equal(await link.getAttribute('href'), `${TEMPORAL_UI}/namespaces/default/workflows/${sagaId}`);
  }
  await axe(page, 'the saga page');
  await page.context().close();
});

test('an operator requests a write-off and an approver approves it in a second session', async () => {
  const orderId = `ui-loss-${run}`;
  const sagaId = `order-${orderId}`;
  await placeOrderWhoseRefundFails(orderId);
  const operator = await login('operator');
  const url = `${AMENDS}/console/sagas/${sagaId}/escalations/chargeCard-1`;
  await until('the escalation to open', async () => {
    const listed = await api('operator', 'GET', '/escalations');
    return { ok: listed.body.some((e) => e.sagaId === sagaId), value: listed.status };
  });
  await operator.goto(url);
  await operator.getByLabel(/Accept the loss/).check();
  await operator.getByRole('button', { name: 'Send decision' }).click();
  // A loss needs a note: the page says so, and keeps the choice.
  await operator.getByRole('alert').filter({ hasText: /note/ }).waitFor();
  await operator.getByLabel('Note', { exact: true }).fill('chargeback already returned the funds');
  await operator.getByRole('button', { name: 'Send decision' }).click();
  await operator.getByText('Your decision ACCEPT_LOSS was sent to the saga.').waitFor();
  await sagaStatus(orderId, 'AWAITING_APPROVAL');
  await operator.reload();
  assert.equal(await operator.getByRole('button', { name: 'Send review' }).count(), 0);

  const approver = await login('approver');
  await approver.goto(url);
  assert.equal(await approver.getByRole('button', { name: 'Send decision' }).count(), 0);
  await approver.getByLabel('Approve the write-off').check();
  await approver.screenshot({ path: `${SHOTS}console-approval.png`, fullPage: true });
  await approver.getByRole('button', { name: 'Send review' }).click();
  await approver.getByText(/Your APPROVE of the write-off was sent/).waitFor();
  await sagaStatus(orderId, 'COMPENSATED_WITH_OPERATOR');
  await approver.reload();
  await approver.getByText(/ACCEPT_LOSS by operator, approved by approver/).first().waitFor();

  // The ledger page shows the write-off as a correction that names both people.
  await operator.goto(`${AMENDS}/console/ledger`);
  await operator
    .getByRole('row')
    .filter({ hasText: sagaId })
    .filter({ has: operator.getByRole('cell', { name: 'WRITTEN_OFF', exact: true }) })
    .filter({ hasText: /operator, approved by approver/ })
    .waitFor();
  await operator.context().close();
  await approver.context().close();
});

test('an editor sees no decision form, and a forced POST or one without a CSRF token is refused', async () => {
  const sagaId = `order-ui-retry-${run}`;
  const decide = `${AMENDS}/console/sagas/${sagaId}/escalations/chargeCard-1/decision`;
  const editor = await login('editor');
  assert.equal(await editor.getByRole('link', { name: 'Inbox' }).count(), 0);
  const page = await editor.goto(decide.replace(/\/decision$/, ''));
  assert.equal(page.status(), 403);
  assert.equal(await editor.getByRole('button', { name: 'Send decision' }).count(), 0);

  // Forced, with a valid CSRF token (from the page's log-out form): refused by role.
  await editor.goto(`${AMENDS}/console/`);
  const token = await editor.locator('input[name="_csrf"]').first().inputValue();
  const forced = await editor.request.post(decide, { form: { action: 'RETRY', _csrf: token }, maxRedirects: 0 });
  assert.equal(forced.status(), 403);

  // An operator's form without its token: refused before it reaches the saga.
  const operator = await login('operator');
  const noToken = await operator.request.post(decide, { form: { action: 'RETRY' }, maxRedirects: 0 });
  assert.equal(noToken.status(), 403);
  await editor.context().close();
  await operator.context().close();
});

async function storyField(storyId, field, wanted) {
  return until(`story ${storyId} to have ${field} ${wanted}`, async () => {
    const read = await api('editor', 'GET', `/stories/${storyId}`);
    return { ok: read.body?.fields?.[field] === wanted, value: read.body };
  });
}

test('an operator starts a reconciler run and an admin verifies the chain; an editor undoes an edit', async () => {
  const operator = await login('operator');
  await operator.getByRole('link', { name: 'Reconciler' }).click();
  await operator.getByRole('heading', { name: 'Ledger and reconciler' }).waitFor();
  assert.equal(await operator.getByRole('button', { name: 'Verify the chain now' }).count(), 0);
  assert.equal(await operator.getByRole('link', { name: 'Stories' }).count(), 0);
  // Keyboard: the button is reached and pressed without a mouse.
  await operator.getByRole('button', { name: 'Start a reconciler run' }).focus();
  await operator.keyboard.press('Enter');
  const started = await operator.getByRole('status').filter({ hasText: /Reconciler run .* started/ }).textContent();
  const runId = started.match(/Reconciler run (\S+) started/)[1];
  await until(`run ${runId} to be listed`, async () => {
    await operator.reload();
    const listed = await operator.locator(`tr[data-run="${runId}"]`).count();
    return { ok: listed === 1, value: listed };
  });
  await axe(operator, 'the ledger and reconciler page');

  // A verification is an admin's: forced by an operator it is refused.
  const token = await operator.locator('input[name="_csrf"]').first().inputValue();
  const forced = await operator.request.post(`${AMENDS}/console/reconciler/verifications`,
    { form: { _csrf: token }, maxRedirects: 0 });
  assert.equal(forced.status(), 403);
  const admin = await login('admin');
  await admin.goto(`${AMENDS}/console/reconciler`);
  await admin.getByRole('button', { name: 'Verify the chain now' }).click();
  await admin.getByRole('status').filter({ hasText: /The chain is intact/ }).waitFor();
  await admin.getByText('by admin (from the console)').waitFor();
  await admin.screenshot({ path: `${SHOTS}console-ledger.png`, fullPage: true });
  await operator.context().close();
  await admin.context().close();

  const storyId = `ui-story-${run}`;
  // Each edit commits when its undo window ends; the newest is the one an undo can reach.
  const edits = [['TITLE', 'Harbour reopens'], ['BODY', 'The port opened at six after the storm.'],
    ['TITLE', 'Harbour reopens after storm']];
  for (const [field, value] of edits) {
    const posted = await api('editor', 'POST', `/stories/${storyId}/edits`, { field, value });
    assert.equal(posted.status, 202);
    await storyField(storyId, field, value);
  }
  const editor = await login('editor');
  assert.equal(await editor.getByRole('link', { name: 'Reconciler' }).count(), 0);
  await editor.getByRole('link', { name: 'Stories' }).first().click();
  await editor.getByLabel('Story id').fill(storyId);
  await editor.keyboard.press('Enter');
  await editor.getByRole('heading', { name: `Story ${storyId}` }).waitFor();
  await editor.getByRole('table', { name: /Every event, oldest first/ }).waitFor();
  assert.equal(await editor.getByRole('button', { name: 'Undo the edit of revision 1' }).count(), 0);
  await editor.getByRole('button', { name: 'Undo the edit of revision 3' }).click();
  await editor.getByRole('status').filter({ hasText: /The edit was undone: title restored/ }).waitFor();
  await storyField(storyId, 'TITLE', 'Harbour reopens');
  await editor.getByRole('cell', { name: 'undo of edit' }).first().waitFor();
  await editor.screenshot({ path: `${SHOTS}console-story.png`, fullPage: true });
  await axe(editor, 'the story page');
  await editor.context().close();
});
