import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { CasePage, metadataText, reasonTitle } from './CasePage';
import { fakeApi, renderAs } from '../../test/render';
import type { CaseView } from '../api/contract';

const view: CaseView = {
  item: {
    id: 'item-1',
    caseId: 'case-1',
    queue: 'general',
    kind: 'REVIEW',
    state: 'LEASED',
    leaseExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    blind: false,
  },
  case: { id: 'case-1', platformId: 'demo', surface: 'public_post', locale: 'en', language: 'en', submittedAt: '2026-01-01T00:00:00Z', flags: [] },
  parts: [
    { position: 0, kind: 'text', mediaType: 'text/plain', fileName: null, sizeBytes: 20, text: 'buy cheap followers now', metadata: {}, mediaUrl: null },
    { position: 1, kind: 'image', mediaType: 'image/png', fileName: 'a.png', sizeBytes: 100, text: null, metadata: { width: '64' }, mediaUrl: '/api/v1/queue-items/item-1/parts/1' },
  ],
  highlights: [{ part: 0, start: 4, end: 9, label: 'spam' }],
  signals: { scores: { spam: 0.91 }, flags: {}, modelVersions: { spam: 'spam-nb-3' } },
  automaticDecision: { route: 'review', reasonCode: 'SPAM-01' },
  history: [{ at: '2026-01-01T00:00:00Z', actorType: 'AUTOMATED', actor: null, action: 'review', reasonCode: 'SPAM-01', note: null, queue: 'general' }],
  reasonCodes: [
    { code: 'NO-VIOLATION', category: 'none', action: 'allow', title: 'No violation' },
    { code: 'SPAM-01', category: 'spam', action: 'remove', title: 'Spam' },
    { code: 'HATE-01', category: 'hate_speech', action: 'remove', title: 'Hate speech' },
  ],
};

function setup(overrides: Partial<CaseView> = {}, roles = ['moderator']) {
  const decisions: unknown[] = [];
  const api = fakeApi({
    'GET /api/v1/queue-items/item-1': { ...view, ...overrides },
    'POST /api/v1/reviews/item-1/decision': (body: unknown) => {
      decisions.push(body);
      return { action: (body as { action: string }).action, reasonCode: (body as { reasonCode: string }).reasonCode };
    },
    'POST /api/v1/queue-items/item-1/release': null,
    'GET /api/v1/queues/general/moderators': [{ subject: 's2', username: 'moderator2', firstName: 'Jonas', lastName: 'Berg' }],
    'POST /api/v1/queue-items/item-1/reassign': null,
  });
  renderAs(roles, <CasePage />, { path: '/moderator/items/:itemId', route: '/moderator/items/item-1', api });
  return { api, decisions };
}

describe('CasePage', () => {
  it('shows the content with highlights, signals with model versions, and a lease countdown', async () => {
    setup();
    expect(await screen.findByText('cheap')).toHaveProperty('tagName', 'MARK');
    expect(screen.getByText(/spam-nb-3/)).toBeInTheDocument();
    expect(screen.getByTestId('lease')).toHaveTextContent(/Lease: (9|10):\d\d left/);
    expect(screen.getByTestId('case-media')).toHaveClass('blurred');
  });

  it('hides signals in blind audits', async () => {
    setup({ signals: null, automaticDecision: null, item: { ...view.item, blind: true } });
    expect(await screen.findByText(/Blind audit: the machine/)).toBeInTheDocument();
    expect(screen.queryByText(/spam-nb-3/)).not.toBeInTheDocument();
  });

  it('removes with the suggested reason on r', async () => {
    const { decisions } = setup();
    await screen.findByText('cheap');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'r' });
    });
    await waitFor(() => expect(screen.getByTestId('case-outcome')).toHaveTextContent('Decided: Remove — SPAM-01'));
    expect(decisions).toEqual([{ action: 'remove', reasonCode: 'SPAM-01', note: undefined }]);
  });

  it('chooses a reason with a number key and decides with d; allow with a', async () => {
    const { decisions } = setup();
    await screen.findByText('cheap');
    await act(async () => {
      fireEvent.keyDown(window, { key: '3' });
    });
    expect(screen.getByRole('radio', { name: /HATE-01/ })).toBeChecked();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'd' });
    });
    await waitFor(() => expect(decisions).toEqual([{ action: 'remove', reasonCode: 'HATE-01', note: undefined }]));
  });

  it('does not take shortcuts while typing a note, and releases on l', async () => {
    const { api, decisions } = setup();
    await screen.findByText('cheap');
    const note = screen.getByLabelText('Note for the record');
    fireEvent.keyDown(note, { key: 'a' });
    expect(decisions).toEqual([]);
    await act(async () => {
      fireEvent.keyDown(window, { key: 'l' });
    });
    await waitFor(() => expect(screen.getByTestId('case-outcome')).toHaveTextContent('Released'));
    expect(api.post).toHaveBeenCalledWith('/api/v1/queue-items/item-1/release');
  });

  it('reveals blurred media on click', async () => {
    setup();
    const media = await screen.findByTestId('case-media');
    await waitFor(() => expect(media.querySelector('img')).not.toBeNull());
    expect(media).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(media);
    expect(media).toHaveClass('revealed');
    expect(media).toHaveAttribute('aria-pressed', 'true');
  });

  it('lets only a senior moderator reassign the item to a queue member', async () => {
    const { api } = setup({}, ['senior-moderator']);
    const select = await screen.findByLabelText('Reassign to');
    await screen.findByRole('option', { name: /moderator2/ });
    fireEvent.change(select, { target: { value: 'moderator2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(screen.getByTestId('case-outcome')).toHaveTextContent('Reassigned to moderator2'));
    expect(api.post).toHaveBeenCalledWith('/api/v1/queue-items/item-1/reassign', { moderator: 'moderator2' });
  });

  it('offers a plain moderator no reassignment', async () => {
    setup();
    await screen.findByText('cheap');
    expect(screen.queryByLabelText('Reassign to')).not.toBeInTheDocument();
  });

  it('writes any metadata value as text and titles reason codes from their notice', () => {
    expect(metadataText('a')).toBe('a');
    expect(metadataText(['x', 'y'])).toBe('x, y');
    expect(metadataText({ w: 1 })).toBe('{"w":1}');
    expect(metadataText(3)).toBe('3');
    expect(reasonTitle({ code: 'SPAM-01', category: 'spam', action: 'remove', noticeText: 'This is spam. We removed it.' })).toBe('This is spam.');
  });
});
