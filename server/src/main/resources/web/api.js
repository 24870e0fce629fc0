// REST calls of the console, with the access token when the page has one, and errors told in
// plain words: what happened and what to do, never a browser's "Failed to fetch".

const TOKEN_KEY = 'orderstream.token';
// Where storage is disabled the token lasts as long as the page.
let memory = null;

/**
 * The access token of this tab. It lives in sessionStorage: gone when the tab closes, never in
 * the URL, never written to the console.
 */
export const accessToken = {
  get() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) || null;
    } catch {
      return null;
    }
  },
  set(token) {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage disabled: kept in memory only.
    }
    memory = token;
  },
  clear() {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Nothing stored.
    }
    memory = null;
  },
};

function currentToken() {
  return accessToken.get() ?? memory;
}

/** A failed call: `message` is for people; `kind` tells the page what to do about it. */
export class ApiError extends Error {
  constructor(message, { kind, status = 0, problem = {} }) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }
}

const UNREACHABLE = 'Can\'t reach the orderstream server. Check your network connection; '
  + 'the page keeps trying to reconnect.';

const unauthorizedListeners = [];

/** Calls `listener(error)` whenever the server answers 401: the page then asks for a token. */
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

/**
 * Calls the gateway's REST API and returns the JSON body.
 *
 * @throws {ApiError} with kind 'network', 'unauthenticated', 'forbidden', 'invalid', 'not-found',
 *   'conflict', 'busy' or 'server'
 */
export async function api(path, options = {}) {
  const token = currentToken();
  let response;
  try {
    response = await fetch(path, {
      ...options,
      headers: {
        Accept: 'application/json',
        ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
    });
  } catch {
    throw new ApiError(UNREACHABLE, { kind: 'network' });
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    return body;
  }
  const error = explain(response, body, Boolean(token));
  if (error.kind === 'unauthenticated') {
    for (const listener of unauthorizedListeners) {
      listener(error);
    }
  }
  throw error;
}

function explain(response, problem, sentToken) {
  const { status } = response;
  const detail = problem.detail || problem.error || '';
  const reason = detail ? ` (${detail.replace(/\.$/, '')})` : '';
  const options = { status, problem };
  if (status === 401) {
    return new ApiError(sentToken
      ? `The server did not accept your access token${reason}. Enter a new one.`
      : 'This server needs an access token. Enter one to see and place orders.', { ...options, kind: 'unauthenticated' });
  }
  if (status === 403) {
    return new ApiError(`Your access token does not allow this${reason}. Ask for a token with that permission.`,
      { ...options, kind: 'forbidden' });
  }
  if (status === 404) {
    return new ApiError(detail || 'Not found.', { ...options, kind: 'not-found' });
  }
  if (status === 409) {
    return new ApiError(detail || 'The order changed meanwhile; reload to see where it stands.',
      { ...options, kind: 'conflict' });
  }
  if (status === 429 || status === 503) {
    const wait = Number(response.headers.get('Retry-After'));
    const when = Number.isFinite(wait) && wait > 0 ? `in ${wait} s` : 'in a few seconds';
    return new ApiError(status === 429
      ? `Too many requests at once. Nothing was changed; try again ${when}.`
      : `The server is busy or restarting. Nothing was changed; try again ${when}.`, { ...options, kind: 'busy' });
  }
  if (status >= 400 && status < 500) {
    return new ApiError(detail || `The server refused the request (${status}).`, { ...options, kind: 'invalid' });
  }
  return new ApiError(`The server failed to handle this (${status}). Try again; if it keeps happening, `
    + 'its log says why.', { ...options, kind: 'server' });
}
