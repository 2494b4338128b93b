import type { TRequest } from 'autocannon';
import type { TCounty } from '../generate.ts';
import type { TSession } from './api.ts';
import { createRandom } from './random.ts';

/** Cycles through a non-empty list, one item per call. */
function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let i = 0;
  return () => items[i++ % items.length] as T;
}

/** POST /auth/login, each request as the next generated person (they share one password). */
export function loginRequests(county: TCounty): TRequest[] {
  const random = createRandom(7);
  const usernames = random.shuffle(county.people.map((p) => p.username));
  const next = cycle(usernames);
  return [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ username: next(), password: county.password }),
      }),
    },
  ];
}

/** GET /me, rotating over several people's sessions. */
export function meRequests(sessions: readonly TSession[]): TRequest[] {
  const next = cycle(sessions);
  return [
    {
      method: 'GET',
      path: '/api/v1/me',
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: next().cookie } }),
    },
  ];
}

/** How many people each unit's subtree holds (the unit's own and those of every unit below it). */
export function subtreeSizes(county: TCounty): Map<string, number> {
  const pathOf = new Map(county.units.map((u) => [u.id, u.path]));
  const sizes = new Map<string, number>();
  for (const person of county.people) {
    for (const id of (pathOf.get(person.unitId) ?? '').split('/').filter(Boolean)) {
      sizes.set(id, (sizes.get(id) ?? 0) + 1);
    }
  }
  return sizes;
}

export interface TUserPage {
  unitId: string;
  page: number;
  /** How many users the unit's subtree holds: the `total` the API must answer. */
  expectedTotal: number;
}

/** A shuffled mix of unit subtrees and pages: page 1 of every unit with people, and a random later page. */
export function subtreePages(county: TCounty, pageSize: number): TUserPage[] {
  const random = createRandom(11);
  const sizes = subtreeSizes(county);
  const pages: TUserPage[] = [];
  for (const unit of county.units) {
    const total = sizes.get(unit.id) ?? 0;
    if (total === 0) continue;
    const last = Math.ceil(total / pageSize);
    pages.push({ unitId: unit.id, page: 1, expectedTotal: total });
    if (last > 1) pages.push({ unitId: unit.id, page: random.int(2, last), expectedTotal: total });
  }
  return random.shuffle(pages);
}

/** Every page of the whole tree (the root's subtree), in order: the widest list the API serves. */
export function wholeTreePages(county: TCounty, pageSize: number): TUserPage[] {
  const total = county.people.length;
  return Array.from({ length: Math.ceil(total / pageSize) }, (_, i) => ({
    unitId: county.root.id,
    page: i + 1,
    expectedTotal: total,
  }));
}

/** The path of one page of GET /users in a unit subtree. */
export const usersPath = (p: TUserPage, pageSize: number) =>
  `/api/v1/users?unitId=${p.unitId}&includeSubtree=true&page=${p.page}&pageSize=${pageSize}`;

/** GET /users with one session, each request the next unit subtree and page. */
export function userListRequests(pages: readonly TUserPage[], pageSize: number, session: TSession): TRequest[] {
  const next = cycle(pages);
  return [
    {
      method: 'GET',
      headers: { cookie: session.cookie },
      setupRequest: (request) => ({ ...request, path: usersPath(next(), pageSize) }),
    },
  ];
}
