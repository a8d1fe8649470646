// The booking page's client of the HTTP contract (docs/openapi.yaml): JSON in, JSON or an RFC 9457
// problem out. The client's access token lives in this module's memory only: never in localStorage,
// sessionStorage or a cookie, so it is gone when the page closes, and dropped on log out.

/** A refusal: the problem's stable `code`, or `network_error` when the service could not be reached. */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem.detail || problem.code);
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
    this.retryAfter = retryAfterSeconds;
  }
}

let accessToken = null;
let tokenExpiresAt = 0;
/** The server's clock minus the browser's, from each response's Date header (whole seconds). */
let clockOffset = 0;

export function logIn(token, expiresAt) {
  accessToken = token;
  tokenExpiresAt = Date.parse(expiresAt) || 0;
}

export function logOut() {
  accessToken = null;
  tokenExpiresAt = 0;
}

export function loggedIn() {
  return accessToken !== null && (tokenExpiresAt === 0 || serverNow() < tokenExpiresAt);
}

/** Now by the server's clock, as well as the browser can tell. */
export function serverNow() {
  return Date.now() + clockOffset;
}

/** A fresh Idempotency-Key: 128 random bits (crypto.getRandomValues works on plain http too). */
export function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One request. Options: body (sent as JSON), auth (send the access token), key (Idempotency-Key).
 * A network failure of a request with a key is retried once with the same key, which the contract
 * makes safe.
 */
export async function call(method, path, { body, auth = false, key } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) {
    if (!accessToken) throw new ApiError(401, { code: 'unauthorized' }, null);
    headers.Authorization = 'Bearer ' + accessToken;
  }
  if (key) headers['Idempotency-Key'] = key;
  const init = {
    method, headers, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  let response;
  const sentAt = Date.now();
  try {
    response = await fetch(path, init);
  } catch (unreachable) {
    if (!key) throw new ApiError(0, { code: 'network_error' }, null);
    try {
      response = await fetch(path, init);
    } catch (again) {
      throw new ApiError(0, { code: 'network_error' }, null);
    }
  }
  learnClock(response, sentAt);
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (notJson) {
      data = null;
    }
  }
  if (!response.ok) {
    const retryAfter = parseInt(response.headers.get('Retry-After'), 10);
    const problem = data && typeof data.code === 'string' ? data : { code: 'http_' + response.status };
    throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return data;
}

function learnClock(response, sentAt) {
  const date = Date.parse(response.headers.get('Date') || '');
  if (Number.isFinite(date)) {
    // The header has whole seconds: the server wrote it at some instant of [date, date + 1 s), at some
    // browser instant of [sentAt, now]. The offset taken is the largest those allow, so that the server's
    // time is never underestimated: a hold's countdown may end up to a second early, never late, and never
    // shows more time than the hold has.
    clockOffset = date + 1000 - sentAt;
  }
}
