/** A logged-in session of the server under test. */
export interface TSession {
  username: string;
  /** The Cookie header value: duban_session=…. */
  cookie: string;
  /** The session's CSRF token, which writes send as the x-csrf-token header. */
  csrf: string;
}

/** Logs in through the API and returns the session cookie; throws unless the answer is 200. */
export async function logIn(baseUrl: string, username: string, password: string): Promise<TSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${username}: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('duban_session='));
  if (!cookie) throw new Error(`login as ${username}: no duban_session cookie`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { username, cookie, csrf: csrfToken };
}

/** GETs a path with a session and returns the parsed JSON; throws unless the answer is 200. */
export async function getJson(baseUrl: string, path: string, session: TSession): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Sends a JSON body with a session (cookie and CSRF token) and returns the status and the parsed answer. */
export async function sendJson(
  baseUrl: string,
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  session: TSession,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}
