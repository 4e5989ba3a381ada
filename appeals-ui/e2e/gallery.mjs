#!/usr/bin/env node
// Screenshots of the views whose backend endpoints are still being added (the agreed contract), taken against
// the running service with real Keycloak login: a call the service answers is passed through; a contract
// call it answers 404 is answered from the fixtures below. Not a test: e2e/run.mjs is. The screenshots go to
// target/screenshots/gallery and are named "contract-*" so nobody mistakes them for end-to-end results.
//   ARBITER_URL, ARBITER_KEYCLOAK_URL, CHROMIUM as for run.mjs.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeBrowser, launch, samplePng, SHOTS, signIn } from './support.mjs';

const OUT = resolve(SHOTS, 'gallery');
mkdirSync(OUT, { recursive: true });
const hoursAgo = (h) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAhead = (d) => new Date(Date.now() + d * 86_400_000).toISOString();
const png = await samplePng();

const decisions = [
  {
    decisionId: 'd0c1a7e2-0000-4000-8000-000000000001', caseId: 'c1', platformId: 'demo', externalId: 'post-8812', surface: 'public_post',
    action: 'remove', category: 'spam', reasonCode: 'SPAM-01', decidedAt: hoursAgo(20), automated: false,
    statement: {
      summary: 'We removed your post because it advertises bought followers, which our Community Guidelines do not allow (spam).',
      legalGround: 'Terms of service, section 4.2 (spam and platform manipulation)',
      facts: 'The post offered followers for money and linked to an external seller.',
      automatedDetection: 'Yes: flagged by a trusted flagger, decided by a human reviewer',
    },
    appealable: true, appealDeadline: daysAhead(180), notAppealableReason: null, appealId: null,
  },
  {
    decisionId: 'd0c1a7e2-0000-4000-8000-000000000002', caseId: 'c2', platformId: 'demo', externalId: 'comment-311', surface: 'comment',
    action: 'label', category: 'violence', reasonCode: 'VIOL-02', decidedAt: hoursAgo(72), automated: true,
    statement: { summary: 'We added a warning label to your comment because it shows graphic violence in a news context.' },
    appealable: true, appealDeadline: daysAhead(170), notAppealableReason: null, appealId: 'a99e0000-0000-4000-8000-000000000009',
  },
];
const appeal = (status) => ({
  appealId: 'a99e0000-0000-4000-8000-000000000001', decisionId: decisions[0].decisionId, caseId: 'c1', status, filedAt: hoursAgo(6),
  text: 'This was a genuine offer from my small shop, not spam. Please look again.', attachments: [{ fileName: 'receipt.pdf' }],
  ineligibleReason: null,
  outcome: status === 'overturned' ? { result: 'overturned', reasonCode: 'NO-VIOLATION', explanation: 'A genuine sale by a small shop is allowed. We restored your post.', decidedAt: hoursAgo(1) } : null,
  redress: status === 'overturned' ? [] : [
    { kind: 'out_of_court', description: 'You can take the decision to a certified out-of-court dispute settlement body (DSA Art. 21).', url: 'https://digital-strategy.ec.europa.eu/' },
    { kind: 'court', description: 'You can go to court at any time.' },
  ],
  history: [
    { at: hoursAgo(6), event: 'filed', detail: null },
    { at: hoursAgo(5), event: 'in-review', detail: 'assigned to a policy expert' },
    ...(status === 'overturned' ? [{ at: hoursAgo(1), event: 'overturned', detail: 'post restored' }] : []),
  ],
  original: { action: 'remove', category: 'spam', reasonCode: 'SPAM-01', decidedAt: hoursAgo(20), statementSummary: decisions[0].statement.summary },
});
const caseView = (id) => ({
  item: { id, caseId: 'c0ffee00-0000-4000-8000-000000000001', queue: 'trusted-flagger', kind: 'REVIEW', language: 'en', priority: 1, dueAt: daysAhead(0.5), state: 'LEASED', leasedBy: 'moderator3', leaseExpiresAt: new Date(Date.now() + 14 * 60_000 + 32_000).toISOString(), blind: false, createdAt: hoursAgo(2) },
  case: { id: 'c0ffee00-0000-4000-8000-000000000001', platformId: 'demo', surface: 'public_post', locale: 'en-GB', language: 'en', submittedAt: hoursAgo(2), flags: ['trusted_flagger'] },
  parts: [
    { position: 0, kind: 'text', mediaType: 'text/plain', fileName: null, sizeBytes: 96, text: 'Limited offer!!! Buy followers now at cheap-followers.example, 1000 followers for 1 euro, click here', metadata: {}, mediaUrl: null },
    { position: 1, kind: 'image', mediaType: 'image/png', fileName: 'offer.png', sizeBytes: png.length, text: null, metadata: { width: '64', height: '64', 'exif:Software': 'none' }, mediaUrl: `/api/v1/queue-items/${id}/parts/1` },
  ],
  highlights: [
    { part: 0, start: 17, end: 30, label: 'spam: engagement selling' },
    { part: 0, start: 38, end: 61, label: 'link to a known seller' },
  ],
  signals: { scores: { spam: 0.91, scam: 0.34, hate: 0.02, violence: 0.01 }, flags: { coded: false }, modelVersions: { spam: 'spam-nb 2026.11.1', coded: 'coded-language 1.3' } },
  automaticDecision: { route: 'review', reasonCode: 'NEEDS-ASSESSMENT', policyVersion: 1 },
  history: [
    { at: hoursAgo(2), actorType: 'AUTOMATED', actor: null, action: 'review', reasonCode: 'NEEDS-ASSESSMENT', note: 'trusted flagger report', queue: 'trusted-flagger' },
  ],
  reasonCodes: [
    { code: 'NO-VIOLATION', category: 'none', action: 'allow', title: 'No violation' },
    { code: 'SPAM-01', category: 'spam', action: 'remove', title: 'Spam' },
    { code: 'SPAM-02', category: 'spam', action: 'demote', title: 'Spam, low harm: demote' },
    { code: 'SCAM-01', category: 'scams_fraud', action: 'remove', title: 'Scam or fraud' },
    { code: 'HATE-01', category: 'hate_speech', action: 'remove', title: 'Hate speech' },
  ],
});
const expertAppeal = {
  appealId: 'a99e0000-0000-4000-8000-000000000001', queueItemId: 'q1', status: 'in-review', filedAt: hoursAgo(6),
  text: 'This was a genuine offer from my small shop, not spam. Please look again.', attachments: [{ fileName: 'receipt.pdf' }], appellantRole: 'author',
  original: { decisionId: decisions[0].decisionId, actorType: 'HUMAN', actorId: 'moderator3', action: 'remove', category: 'spam', reasonCode: 'SPAM-01', note: 'Sells followers; classic engagement spam.', policyVersion: 1, decidedAt: hoursAgo(20), modelVersions: { spam: 'spam-nb 2026.11.1' }, scores: { spam: 0.91 } },
  case: { caseId: 'c1', platformId: 'demo', surface: 'public_post', locale: 'en-GB', parts: caseView('x').parts.slice(0, 1), signals: null },
  history: [{ at: hoursAgo(6), event: 'filed', detail: null }],
};

/** Passes every call to the service; a contract call it answers 404 gets its fixture. */
async function withFixtures(page, fixtures) {
  await page.route('**/api/v1/**', async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const response = await route.fetch();
    if (response.status() !== 404) return route.fulfill({ response });
    for (const [pattern, answer] of fixtures) {
      const match = path.match(pattern);
      if (match && (answer.method ?? 'GET') === request.method()) {
        const body = typeof answer.body === 'function' ? answer.body(match) : answer.body;
        return Buffer.isBuffer(body)
          ? route.fulfill({ status: 200, contentType: answer.type, body })
          : route.fulfill({ status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(body) });
      }
    }
    return route.fulfill({ response });
  });
}

async function shot(page, name) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(OUT, `contract-${name}.png`), fullPage: true });
}

const fixtures = [
  [/^\/api\/v1\/queue-items\/([^/]+)\/parts\/\d+$/, { body: png, type: 'image/png' }],
  [/^\/api\/v1\/queue-items\/([^/]+)$/, { body: (m) => caseView(m[1]) }],
  [/^\/api\/v1\/me\/decisions$/, { body: decisions }],
  [/^\/api\/v1\/appeals$/, { method: 'POST', status: 201, body: { appealId: 'a99e0000-0000-4000-8000-000000000001', decisionId: decisions[0].decisionId, status: 'filed', filedAt: new Date().toISOString() } }],
  [/^\/api\/v1\/me\/appeals\/a99e0000-0000-4000-8000-000000000001$/, { body: appeal('in-review') }],
  [/^\/api\/v1\/appeals\/by-queue-item\/.+$/, { body: expertAppeal }],
  [/^\/api\/v1\/transparency\/report$/, { body: { appeals: { filed: 42, decided: 38, overturned: 9, upheld: 27, ineligible: 2, medianHoursToDecide: 5.5, overturnRate: 0.2368 }, byCategory: [] } }],
  [/^\/api\/v1\/audit\/blind-agreement$/, { body: { sampled: 60, decided: 51, agreed: 46, agreementRate: 0.902, byCategory: [] } }],
];

await launch();
try {
  let { page, context } = await signIn('moderator3', '/moderator');
  await withFixtures(page, fixtures);
  await page.goto(`${process.env.ARBITER_URL}/moderator/items/5e1ec7ed-0000-4000-8000-000000000001`);
  await page.getByTestId('case-media').locator('img').waitFor();
  await shot(page, 'moderator-case');
  await page.getByTestId('case-media').click();
  await shot(page, 'moderator-case-media-revealed');
  await context.close();

  ({ page, context } = await signIn('appellant1', '/', { width: 390, height: 844 }));
  await withFixtures(page, fixtures);
  await page.goto(`${process.env.ARBITER_URL}/my`);
  await page.getByTestId('decision').first().waitFor();
  await shot(page, 'appellant-decisions-phone');
  await page.goto(`${process.env.ARBITER_URL}/my/decisions/${decisions[0].decisionId}/appeal`);
  await page.getByLabel('Why is the decision wrong?').fill('This was a genuine offer from my small shop, not spam. Please look again.');
  await shot(page, 'appellant-appeal-form-phone');
  await page.goto(`${process.env.ARBITER_URL}/my/appeals/a99e0000-0000-4000-8000-000000000001`);
  await page.getByTestId('appeal-status').waitFor();
  await shot(page, 'appellant-appeal-in-review-phone');
  fixtures.find(([p]) => String(p).includes('me\\/appeals'))[1].body = appeal('overturned');
  await page.reload();
  await page.getByRole('heading', { name: /Outcome/ }).waitFor();
  await shot(page, 'appellant-appeal-overturned-phone');
  await context.close();

  ({ page, context } = await signIn('expert1', '/review'));
  await withFixtures(page, fixtures);
  await page.goto(`${process.env.ARBITER_URL}/review/appeals/q1`);
  await page.getByTestId('appeal-text').waitFor();
  await page.getByLabel(/Overturn/).check();
  await shot(page, 'expert-appeal-side-by-side');
  await context.close();

  ({ page, context } = await signIn('auditor1', '/audit'));
  await withFixtures(page, fixtures);
  await page.reload();
  await page.getByText('23.7 %').waitFor();
  await shot(page, 'auditor');
  await context.close();
} finally {
  await closeBrowser();
}
console.log(`gallery: screenshots in ${OUT}`);
