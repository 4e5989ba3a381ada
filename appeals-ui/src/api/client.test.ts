import { ApiClient, ApiError, queryString } from './client';

describe('ApiClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token and reads JSON', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ ok: 1 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const api = new ApiClient(() => 'tok');
    expect(await api.get('/api/v1/me')).toEqual({ ok: 1 });
    expect(fetchMock.mock.calls[0][1].headers.Authorization).toBe('Bearer tok');
  });

  it('answers null for 204', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    expect(await new ApiClient(() => 't').post('/api/v1/queues/general/claim-next')).toBeNull();
  });

  it('turns problem details into ApiError and knows a missing endpoint', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(new Response(JSON.stringify({ status: 403, detail: 'Not yours' }), { status: 403 })),
    );
    const error = (await new ApiClient(() => 't').get('/api/v1/audit/search').catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.message).toBe('Not yours');
    expect(error.missing).toBe(false);
    expect(new ApiError(404, 'x', '/p').missing).toBe(true);
  });

  it('builds query strings without empty values', () => {
    expect(queryString({ q: 'spam', category: '', page: 0, to: undefined })).toBe('?q=spam&page=0');
    expect(queryString({})).toBe('');
  });
});
