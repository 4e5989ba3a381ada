// A small fetch wrapper: Bearer token from the session, JSON in and out, problem details as errors.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }

  /** The endpoint is not there (yet): the view says so instead of failing. */
  get missing(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

export type TokenSource = () => string | null;

async function problemMessage(response: Response): Promise<string> {
  try {
    const body = await response.json();
    return body.detail || body.title || body.message || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class ApiClient {
  constructor(private readonly token: TokenSource) {}

  private async call(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (contentType) headers['Content-Type'] = contentType;
    const response = await fetch(path, { method, headers, body });
    if (!response.ok) throw new ApiError(response.status, await problemMessage(response), path);
    return response;
  }

  private static async json<T>(response: Response): Promise<T> {
    if (response.status === 204 || response.headers.get('Content-Length') === '0') return null as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  async get<T>(path: string): Promise<T> {
    return ApiClient.json<T>(await this.call('GET', path));
  }

  /** POST with a JSON body; null for 204 No Content. */
  async post<T>(path: string, body?: unknown): Promise<T> {
    return ApiClient.json<T>(
      await this.call('POST', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'),
    );
  }

  async postForm<T>(path: string, form: FormData): Promise<T> {
    return ApiClient.json<T>(await this.call('POST', path, form));
  }

  /** Bytes behind the token (case media), as an object URL the caller revokes. */
  async objectUrl(path: string): Promise<string> {
    const response = await this.call('GET', path);
    return URL.createObjectURL(await response.blob());
  }
}
