/** A logged-in session of the server under test. */
export interface TSession {
  username: string;
  /** The Cookie header value: duban_session=…. */
  cookie: string;
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
  return { username, cookie };
}

/** GETs a path with a session and returns the parsed JSON; throws unless the answer is 200. */
export async function getJson(baseUrl: string, path: string, session: TSession): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
