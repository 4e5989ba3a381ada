// The scenarios of issue #9, in order: later ones use what earlier ones created (shared).
import assert from 'node:assert/strict';
import { api, samplePng, shot, signIn, submitContent, subjectOf, until, userToken } from './support.mjs';

const MODERATOR = 'moderator3'; // works the trusted-flagger queue (infra/keycloak/realm-arbiter.json)
const QUEUE = 'trusted-flagger';

/** Opens a browser for a user; closed after the scenario. */
async function as(shared, username, path, viewport) {
  const session = await signIn(username, path, viewport);
  const previous = shared.cleanup;
  shared.cleanup = async () => {
    await previous?.();
    await session.context.close();
  };
  return session.page;
}

/** Submits content for an appellant and waits until it waits in the moderator's queue. */
async function caseInQueue(authorId, text, image) {
  const receipt = await submitContent({ authorId, text, image });
  const token = await userToken(MODERATOR);
  await until(`case ${receipt.caseId} in ${QUEUE}`, async () => {
    const view = await api('GET', `/api/v1/queues/${QUEUE}?limit=500`, token);
    return view.status === 200 && view.json.items.some((i) => i.caseId === receipt.caseId);
  }, 90_000);
  return receipt.caseId;
}

/** The case of the item the page shows. */
async function shownCase(page) {
  await page.getByTestId('lease').waitFor();
  return page.locator('[data-case-id]').getAttribute('data-case-id');
}

/**
 * Claims with the keyboard until the page shows the wanted case: an older item (of an earlier run: the
 * trusted-flagger queue holds only e2e content) is allowed out of the way (a) and the next one claimed (n).
 */
async function claimCase(page, caseId) {
  const next = page.getByRole('button', { name: `Next case in ${QUEUE}` });
  await next.focus();
  await page.keyboard.press('Enter');
  for (let attempt = 0; attempt < 30; attempt++) {
    await page.waitForURL(/\/moderator\/items\//);
    const itemId = page.url().split('/').pop();
    if ((await shownCase(page)) === caseId) return itemId;
    await page.keyboard.press('a');
    await page.getByTestId('case-outcome').waitFor();
    await page.keyboard.press('n');
    await page.waitForURL((url) => !url.pathname.endsWith(itemId));
  }
  throw new Error(`case ${caseId} never came up`);
}

export const scenarios = [
  {
    name: 'an appellant who opens a moderator URL is refused (page and API)',
    async run(shared) {
      const page = await as(shared, 'appellant1', '/moderator');
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
      await shot(page, '01-appellant-refused');
      const token = await userToken('appellant1');
      const claim = await api('POST', `/api/v1/queues/${QUEUE}/claim-next`, token);
      assert.equal(claim.status, 403, 'the API refuses an appellant a moderator call');
    },
  },
  {
    name: 'a moderator claims and decides a case with the keyboard',
    async run(shared) {
      const appellant = subjectOf(await userToken('appellant1'));
      const text = 'Limited offer!!! Buy followers now at cheap-followers.example, 1000 followers for 1 euro, click here';
      shared.caseId = await caseInQueue(appellant, text);
      const page = await as(shared, MODERATOR, '/moderator');
      await page.getByRole('heading', { name: 'Your review queues' }).waitFor();
      await page.getByTestId(`queue-${QUEUE}`).waitFor();
      await shot(page, '02-moderator-queues');
      // Keyboard only from here: focus "Next case", Enter; l releases an older item, n takes the next.
      await claimCase(page, shared.caseId);
      await page.getByTestId('lease').waitFor();
      await shot(page, '03-moderator-case');
      // Choose SPAM-01 with the keyboard: / focuses the reason filter, Enter chooses the first match; r = remove.
      await page.keyboard.press('/');
      await page.keyboard.type('SPAM-01');
      await page.keyboard.press('Enter');
      assert.equal(await page.getByRole('radio', { name: /SPAM-01/ }).isChecked(), true);
      await page.keyboard.press('r');
      const outcome = page.getByTestId('case-outcome');
      await outcome.waitFor();
      assert.match(await outcome.textContent(), /Decided: Remove — SPAM-01/);
      await shot(page, '04-moderator-decided');
    },
  },
  {
    name: 'blurred case media is revealed on click or Enter',
    needs: ['GET /api/v1/queue-items/{id}', 'GET /api/v1/queue-items/{id}/parts/{position}'],
    async run(shared) {
      const appellant = subjectOf(await userToken('appellant2'));
      const caseId = await caseInQueue(appellant, 'Look at this picture', { bytes: await samplePng(), type: 'image/png', name: 'photo.png' });
      const page = await as(shared, MODERATOR, '/moderator');
      await page.getByTestId(`queue-${QUEUE}`).waitFor();
      await claimCase(page, caseId);
      const media = page.getByTestId('case-media');
      await media.waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="case-media"] img').waitFor();
      const filterOf = () => media.locator('img').evaluate((img) => getComputedStyle(img).filter);
      assert.match(await filterOf(), /blur\(.+\) grayscale\(1\)/, 'blurred and greyscale by default');
      assert.equal(await media.getAttribute('aria-pressed'), 'false');
      await shot(page, '05-media-blurred');
      await media.focus();
      await page.keyboard.press('Enter');
      await until('revealed', async () => (await media.getAttribute('aria-pressed')) === 'true', 5000, 100);
      await page.waitForTimeout(300);
      assert.equal(await filterOf(), 'none', 'revealed');
      await shot(page, '06-media-revealed');
      await media.click();
      assert.equal(await media.getAttribute('aria-pressed'), 'false', 'a click hides it again');
      await page.keyboard.press('a');
      await page.getByTestId('case-outcome').waitFor();
    },
  },
  {
    name: 'an appellant files an appeal and sees it overturned after an expert decides it',
    needs: ['GET /api/v1/me/decisions', 'POST /api/v1/appeals', 'GET /api/v1/me/appeals/{id}', 'GET /api/v1/appeals/by-queue-item/{id}', 'POST /api/v1/appeals/{id}/decision'],
    async run(shared) {
      assert.ok(shared.caseId, 'needs the case the moderator removed');
      // The appellant's portal, at phone width.
      let page = await as(shared, 'appellant1', '/my', { width: 390, height: 844 });
      await page.getByRole('heading', { name: 'Decisions about your content' }).waitFor();
      const card = page.getByTestId('decision').filter({ hasText: 'Your content was removed' }).first();
      await card.waitFor({ timeout: 30_000 });
      await shot(page, '07-appellant-decisions-phone');
      await card.getByRole('link', { name: 'Appeal this decision' }).click();
      await page.getByLabel('Why is the decision wrong?').fill('This was a genuine offer from my small shop, not spam. Please look again.');
      await page.getByLabel('Attachment (optional)').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('order 1234') });
      await shot(page, '08-appellant-appeal-form-phone');
      await page.getByRole('button', { name: 'Send appeal' }).click();
      await page.waitForURL(/\/my\/appeals\//);
      const appealId = page.url().split('/').pop();
      await page.getByTestId('appeal-status').waitFor();
      await shot(page, '09-appellant-appeal-filed-phone');

      // A policy expert takes the appeal from the appeals queue and overturns the decision.
      const expertToken = await userToken('expert1');
      await until('the appeal in the appeals queue', async () => {
        const view = await api('GET', '/api/v1/queues/appeals?limit=500', expertToken);
        return view.status === 200 && view.json.items.length > 0;
      }, 90_000);
      const expert = await as(shared, 'expert1', '/review');
      const claim = expert.getByRole('button', { name: 'Next case in appeals' });
      for (let attempt = 0; attempt < 20; attempt++) {
        await claim.click();
        await expert.waitForURL(/\/review\/appeals\//);
        await expert.getByTestId('appeal-text').waitFor();
        if ((await expert.getByTestId('appeal-text').textContent()).includes('genuine offer from my small shop')) break;
        const other = await api('GET', `/api/v1/appeals/by-queue-item/${expert.url().split('/').pop()}`, expertToken);
        await api('POST', `/api/v1/appeals/${other.json.appealId}/decision`, expertToken, { outcome: 'upheld', reasonCode: other.json.original.reasonCode, explanation: 'Cleared by the e2e tests.' });
        await expert.goto(expert.url().replace(/\/review\/.*/, '/review'));
      }
      await shot(expert, '10-expert-appeal-side-by-side');
      await expert.getByLabel(/Overturn/).check();
      await expert.getByLabel('Reason code').selectOption('NO-VIOLATION');
      await expert.getByLabel('Explanation for the appellant').fill('A genuine sale by a small shop is allowed. We restored the post.');
      await expert.getByRole('button', { name: 'Record the outcome' }).click();
      await expert.getByTestId('appeal-done').waitFor();

      // The appellant sees the outcome.
      page = await as(shared, 'appellant1', `/my/appeals/${appealId}`, { width: 390, height: 844 });
      await until('the appeal overturned', async () => {
        await page.reload();
        await page.getByTestId('appeal-status').waitFor();
        return (await page.getByTestId('appeal-status').textContent()).includes('reversed');
      }, 90_000, 3000);
      await page.getByRole('heading', { name: /Outcome: Overturned/ }).waitFor();
      await shot(page, '11-appellant-appeal-overturned-phone');
    },
  },
  {
    name: 'policy console: a draft, approval by a second expert (not the author), the diff, rollback',
    async run(shared) {
      const author = await userToken('expert1');
      const versions = await api('GET', '/api/v1/policy/versions', author);
      const live = versions.json.live;
      const current = await api('GET', `/api/v1/policy/versions/${live}`, author);
      // A harmless change: the automatic spam removal threshold from 0.97 to 0.98.
      const dmn = current.json.content.routingDmn.replace('&gt;= 0.97', '&gt;= 0.98');
      assert.notEqual(dmn, current.json.content.routingDmn, 'the shipped policy has the 0.97 spam threshold');
      const created = await api('POST', '/api/v1/policy/drafts', author, { rationale: `e2e: stricter spam threshold ${Date.now()}`, routingDmn: dmn });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const draftId = created.json.draft.id;
      await until('the backtest', async () => (await api('GET', `/api/v1/policy/drafts/${draftId}`, author)).json.backtest, 60_000);

      let page = await as(shared, 'expert1', `/policy/drafts/${draftId}`);
      await page.getByTestId('review-block').waitFor();
      assert.match(await page.getByTestId('review-block').textContent(), /another expert/);
      await shot(page, '12-policy-draft-author');

      page = await as(shared, 'expert2', `/policy/drafts/${draftId}`);
      await page.getByTestId('backtest').waitFor();
      await page.getByRole('button', { name: 'Approve and publish' }).click();
      await until('published', async () => (await api('GET', `/api/v1/policy/drafts/${draftId}`, author)).json.draft.status === 'PUBLISHED', 60_000);

      page = await as(shared, 'policyadmin1', '/policy');
      await page.getByTestId('policy-diff').waitFor();
      assert.match(await page.getByTestId('policy-diff').textContent(), /threshold/);
      await shot(page, '13-policy-versions-diff');
      await page.getByLabel('Restore version').selectOption(String(live));
      await page.getByLabel('Why').fill('e2e: back to the shipped threshold');
      await page.getByRole('button', { name: 'Roll back' }).click();
      await page.getByText(/Published the content of v/).waitFor();
      const after = await api('GET', '/api/v1/policy/versions', author);
      assert.equal(after.json.versions.at(-1).restoredFrom, live, 'the rollback republished the earlier version');
    },
  },
  {
    name: 'audit console: search, charts and CSV export',
    async run(shared) {
      const page = await as(shared, 'auditor1', '/audit');
      await page.getByRole('heading', { name: /^Decisions/ }).waitFor({ timeout: 30_000 });
      await shot(page, '14-audit');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      assert.match(readFileSync(path, 'utf8').split('\r\n')[0], /^id,kind,decidedAt,caseId/);
    },
  },
];
