// Component tests of the views' logic with a fake API.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeApi, renderAs } from '../test/render';
import { RequireArea } from './auth/RequireArea';
import { MyDecisionsPage } from './appellant/MyDecisionsPage';
import { AppealFormPage } from './appellant/AppealFormPage';
import { MyAppealPage } from './appellant/MyAppealPage';
import { QueuesPage } from './moderator/QueuesPage';
import { AuditPage } from './auditor/AuditPage';
import { DraftPage } from './policy/DraftPage';
import type { MyAppeal, MyDecision } from './api/contract';

const decision: MyDecision = {
  decisionId: 'd1',
  caseId: 'c1',
  platformId: 'demo',
  externalId: 'post-1',
  surface: 'public_post',
  action: 'remove',
  category: 'spam',
  reasonCode: 'SPAM-01',
  decidedAt: '2026-01-01T00:00:00Z',
  automated: false,
  statement: { summary: 'We removed your post because it advertises fake followers.', legalGround: 'Terms of service 4.2' },
  appealable: true,
  appealDeadline: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  notAppealableReason: null,
  appealId: null,
};

describe('role guard', () => {
  it('refuses an appellant the moderator console', () => {
    renderAs(['appellant'], <RequireArea area="moderator"><p>console</p></RequireArea>, { username: 'appellant1' });
    expect(screen.getByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.queryByText('console')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your start page' })).toHaveAttribute('href', '/my');
  });

  it('lets a moderator in', () => {
    renderAs(['moderator'], <RequireArea area="moderator"><p>console</p></RequireArea>);
    expect(screen.getByText('console')).toBeInTheDocument();
  });
});

describe('appellant portal', () => {
  it('lists decisions with their statement of reasons and the appeal deadline', async () => {
    renderAs(['appellant'], <MyDecisionsPage />, { api: fakeApi({ 'GET /api/v1/me/decisions': [decision] }) });
    expect(await screen.findByText('Your content was removed')).toBeInTheDocument();
    expect(screen.getByText(/advertises fake followers/)).toBeInTheDocument();
    expect(screen.getByText(/Appeal by .* left\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Appeal this decision' })).toHaveAttribute('href', '/my/decisions/d1/appeal');
  });

  it('says so when the service has no decisions endpoint yet', async () => {
    renderAs(['appellant'], <MyDecisionsPage />);
    expect(await screen.findByText(/not available from the service yet/)).toBeInTheDocument();
  });

  it('files an appeal as JSON and opens its status', async () => {
    const api = fakeApi({
      'GET /api/v1/me/decisions': [decision],
      'POST /api/v1/appeals': { appealId: 'a1', decisionId: 'd1', status: 'filed', filedAt: '2026-01-02T00:00:00Z' },
    });
    renderAs(['appellant'], <AppealFormPage />, { path: '/my/decisions/:decisionId/appeal', route: '/my/decisions/d1/appeal', api });
    const text = await screen.findByLabelText('Why is the decision wrong?');
    fireEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please tell us why');
    fireEvent.change(text, { target: { value: 'It was a real offer.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    await screen.findByText('elsewhere');
    expect(api.post).toHaveBeenCalledWith('/api/v1/appeals', { decisionId: 'd1', text: 'It was a real offer.' });
  });

  it('sends an attachment as multipart', async () => {
    const api = fakeApi({
      'GET /api/v1/me/decisions': [decision],
      'POST /api/v1/appeals': { appealId: 'a1', decisionId: 'd1', status: 'filed', filedAt: '2026-01-02T00:00:00Z' },
    });
    renderAs(['appellant'], <AppealFormPage />, { path: '/my/decisions/:decisionId/appeal', route: '/my/decisions/d1/appeal', api });
    fireEvent.change(await screen.findByLabelText('Why is the decision wrong?'), { target: { value: 'See the receipt.' } });
    fireEvent.change(screen.getByLabelText('Attachment (optional)'), { target: { files: [new File(['x'], 'receipt.txt')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Send appeal' }));
    await screen.findByText('elsewhere');
    const form = api.postForm.mock.calls[0][1] as FormData;
    expect((form.get('files') as File).name).toBe('receipt.txt');
    expect(form.get('appeal')).toBeInstanceOf(Blob);
  });

  it('shows an overturned appeal with its outcome and next steps', async () => {
    const appeal: MyAppeal = {
      appealId: 'a1',
      decisionId: 'd1',
      caseId: 'c1',
      status: 'overturned',
      filedAt: '2026-01-02T00:00:00Z',
      text: 'It was a real offer.',
      attachments: [],
      ineligibleReason: null,
      outcome: { result: 'overturned', reasonCode: 'NO-VIOLATION', explanation: 'We restored your post.', decidedAt: '2026-01-03T00:00:00Z' },
      redress: [{ kind: 'out_of_court', description: 'A certified out-of-court dispute settlement body can review this.' }],
      history: [{ at: '2026-01-02T00:00:00Z', event: 'filed', detail: null }],
      original: { action: 'remove', category: 'spam', reasonCode: 'SPAM-01', decidedAt: '2026-01-01T00:00:00Z', statementSummary: 'Spam' },
    };
    renderAs(['appellant'], <MyAppealPage />, { path: '/my/appeals/:appealId', route: '/my/appeals/a1', api: fakeApi({ 'GET /api/v1/me/appeals/a1': appeal }) });
    expect(await screen.findByTestId('appeal-status')).toHaveTextContent('reversed');
    expect(screen.getByText('We restored your post.')).toBeInTheDocument();
    expect(screen.getByText(/out-of-court dispute/)).toBeInTheDocument();
  });
});

describe('moderator queues', () => {
  it('falls back to one call per queue when the summary endpoint is missing', async () => {
    const api = fakeApi({
      'GET /api/v1/queues/general': { counts: { queue: 'general', open: 3, leased: 1, decided: 0, oldestWaitingSince: new Date(Date.now() - 7_200_000).toISOString() }, items: [] },
      'POST /api/v1/queues/general/claim-next': null,
    });
    renderAs(['moderator'], <QueuesPage />, { api, queues: ['general'] });
    const row = await screen.findByTestId('queue-general');
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('2 h 0 min');
    fireEvent.click(screen.getByRole('button', { name: 'Next case in general' }));
    expect(await screen.findByText('Nothing waits in general for you right now.')).toBeInTheDocument();
  });
});

describe('auditor', () => {
  it('searches with filters and shows charts, rates it can get and n/a for the rest', async () => {
    const api = fakeApi({
      'GET /api/v1/audit/search?size=200': {
        total: 2,
        records: [
          { id: '1', kind: 'DECISION', caseId: 'c1', actorType: 'AUTOMATED', action: 'remove', category: 'spam', decidedAt: '2026-01-01T00:00:00Z' },
          { id: '2', kind: 'DECISION', caseId: 'c2', actorType: 'HUMAN', actorId: 'moderator1', action: 'allow', category: 'none', decidedAt: '2026-01-02T00:00:00Z' },
        ],
        byCategory: { spam: 1, none: 1 },
        byAction: { remove: 1, allow: 1 },
        byActorType: { AUTOMATED: 1, HUMAN: 1 },
      },
      'GET /api/v1/transparency/report': { appeals: { filed: 4, decided: 4, overturned: 1, upheld: 3, ineligible: 0, medianHoursToDecide: 2, overturnRate: 0.25 }, byCategory: [] },
      'GET /api/v1/audit/search?q=followers&actorType=HUMAN&size=200': { total: 0, records: [], byCategory: {}, byAction: {}, byActorType: {} },
    });
    renderAs(['auditor'], <AuditPage />, { api });
    expect(await screen.findByText('25.0 %')).toBeInTheDocument();
    expect(await screen.findByText('moderator1')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /By category: none 1, spam 1/ })).toBeInTheDocument();
    expect(screen.getAllByText('n/a')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'followers' } });
    fireEvent.change(screen.getByLabelText('Decided by'), { target: { value: 'HUMAN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(api.get).toHaveBeenCalledWith('/api/v1/audit/search?q=followers&actorType=HUMAN&size=200'));
  });
});

describe('policy drafts', () => {
  const review = {
    draft: { id: 'dr1', author: 'expert1', rationale: 'Stricter spam', status: 'OPEN', baseVersion: 1, createdAt: '2026-01-01T00:00:00Z' },
    diffAgainstLive: { from: 'v1', to: 'draft', empty: false, thresholdsChanged: [{ ruleId: 'spam', signal: 'spam', before: '>= 0.97', after: '>= 0.9' }] },
    backtest: { cases: 120, changed: 7, routeTransitions: { 'REVIEW->REMOVE': 7 }, examples: [] },
  };

  it('does not let the author approve', async () => {
    renderAs(['policy-expert'], <DraftPage />, { path: '/policy/drafts/:draftId', route: '/policy/drafts/dr1', username: 'expert1', api: fakeApi({ 'GET /api/v1/policy/drafts/dr1': review }) });
    expect(await screen.findByTestId('review-block')).toHaveTextContent('another expert');
    expect(screen.queryByRole('button', { name: 'Approve and publish' })).not.toBeInTheDocument();
    expect(screen.getByTestId('backtest')).toHaveTextContent('7 of 120 past cases');
  });

  it('lets a second expert approve', async () => {
    const api = fakeApi({ 'GET /api/v1/policy/drafts/dr1': review, 'POST /api/v1/policy/drafts/dr1/approve': {} });
    renderAs(['policy-expert'], <DraftPage />, { path: '/policy/drafts/:draftId', route: '/policy/drafts/dr1', username: 'expert2', api });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve and publish' }));
    await waitFor(() => expect(api.post).toHaveBeenCalledWith('/api/v1/policy/drafts/dr1/approve', { comment: '' }));
  });
});
