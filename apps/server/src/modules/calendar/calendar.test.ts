import type { TCalendarYear } from '@duban/domain';
import { describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();

const localRows = () =>
  ctx.sql<{ day: string; kind: string; name: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day, kind, name from calendar_days order by day`,
  );

describe('/api/v1/calendar/:year', () => {
  it('reads a year with the official holidays and make-up workdays, for anyone logged in', async () => {
    for (const username of ['admin', 'leader', 'cadre']) {
      const user = await login(ctx.app, username);
      const res = await user.request('GET', '/api/v1/calendar/2024');
      expect(res.statusCode, username).toBe(200);
      const year = res.json() as TCalendarYear;
      expect(year.notice).toEqual({ title: '国办发明电〔2023〕7号', issued: '2023-10-25' });
      expect(year.workingDays).toBe(251);
      expect(year.days.filter((d) => d.name === 'qingming')).toEqual([
        { day: '2024-04-04', kind: 'holiday', name: 'qingming', origin: 'official' },
        { day: '2024-04-05', kind: 'holiday', name: 'qingming', origin: 'official' },
        { day: '2024-04-06', kind: 'holiday', name: 'qingming', origin: 'official' },
        { day: '2024-04-07', kind: 'workday', name: 'qingming', origin: 'official' },
      ]);
    }
    const unpublished = (await (await login(ctx.app, 'cadre')).request('GET', '/api/v1/calendar/2027')).json();
    expect([unpublished.notice, unpublished.days, unpublished.workingDays]).toEqual([null, [], 261]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/2024' })).statusCode).toBe(401);
  });

  it('sysAdmin replaces a year’s local days: the calendar in force changes at once, with an audit entry', async () => {
    const admin = await login(ctx.app, 'admin');
    // Read first, so that the cached calendar must be dropped for the change to show.
    expect((await admin.request('GET', '/api/v1/calendar/2024')).json().workingDays).toBe(251);
    const before = await auditCount(ctx);
    const res = await admin.request('PUT', '/api/v1/calendar/2024', {
      days: [
        { day: '2024-11-15', kind: 'holiday', name: '县庆' },
        { day: '2024-03-08', kind: 'holiday', name: '  妇女节  ' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as TCalendarYear).workingDays).toBe(249);

    const year = (await admin.request('GET', '/api/v1/calendar/2024')).json() as TCalendarYear;
    expect(year.workingDays).toBe(249);
    expect(year.days.filter((d) => d.origin === 'local')).toEqual([
      { day: '2024-03-08', kind: 'holiday', name: '妇女节', origin: 'local' },
      { day: '2024-11-15', kind: 'holiday', name: '县庆', origin: 'local' },
    ]);
    expect(await localRows()).toEqual([
      { day: '2024-03-08', kind: 'holiday', name: '妇女节' },
      { day: '2024-11-15', kind: 'holiday', name: '县庆' },
    ]);
    const [entry] = await ctx.sql<{ action: string; target_id: string; before: unknown; after: unknown }>(
      'select action, target_id, before, after from audit_log order by id desc limit 1',
    );
    expect(entry).toEqual({
      action: 'calendar.update',
      target_id: '2024',
      before: [],
      after: [
        { day: '2024-03-08', kind: 'holiday', name: '妇女节' },
        { day: '2024-11-15', kind: 'holiday', name: '县庆' },
      ],
    });
    expect(await auditCount(ctx)).toBe(before + 1);

    // The list replaces the year's local days: a local day over an official one, the others gone.
    const again = await admin.request('PUT', '/api/v1/calendar/2024', {
      days: [{ day: '2024-04-07', kind: 'holiday', name: '清明节调休取消' }],
    });
    expect(again.statusCode).toBe(200);
    const replaced = again.json() as TCalendarYear;
    expect(replaced.workingDays).toBe(250);
    expect(replaced.days.find((d) => d.day === '2024-04-07')).toEqual({
      day: '2024-04-07',
      kind: 'holiday',
      name: '清明节调休取消',
      origin: 'local',
    });
    expect(replaced.days.filter((d) => d.origin === 'local')).toHaveLength(1);
    // Another year's local days are left alone.
    await admin.request('PUT', '/api/v1/calendar/2027', {
      days: [{ day: '2027-02-08', kind: 'holiday', name: 'springFestival' }],
    });
    expect((await admin.request('PUT', '/api/v1/calendar/2024', { days: [] })).json().workingDays).toBe(251);
    expect(await localRows()).toEqual([{ day: '2027-02-08', kind: 'holiday', name: 'springFestival' }]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const admin = await login(ctx.app, 'admin');
    const rows = await localRows();
    const before = await auditCount(ctx);
    const put = (url: string, days: unknown) => admin.request('PUT', url, { days });
    const cases: [Promise<Awaited<ReturnType<typeof put>>>, number, string][] = [
      [put('/api/v1/calendar/2024', [{ day: '2025-01-02', kind: 'holiday', name: '跨年' }]), 422, 'days.0.day'],
      [
        put('/api/v1/calendar/2024', [
          { day: '2024-06-03', kind: 'holiday', name: '甲' },
          { day: '2024-06-04', kind: 'holiday', name: '乙' },
          { day: '2024-06-03', kind: 'workday', name: '丙' },
        ]),
        422,
        'days.2.day',
      ],
      [put('/api/v1/calendar/2024', [{ day: '2024-02-30', kind: 'holiday', name: '无此日' }]), 400, 'days.0.day'],
      [put('/api/v1/calendar/2024', [{ day: '2024-06-03', kind: 'off', name: '甲' }]), 400, 'days.0.kind'],
      [put('/api/v1/calendar/2024', [{ day: '2024-06-03', kind: 'holiday', name: '  ' }]), 400, 'days.0.name'],
      [put('/api/v1/calendar/2100', []), 400, 'year'],
      [put('/api/v1/calendar/abc', []), 400, 'year'],
      [admin.request('GET', '/api/v1/calendar/1999'), 400, 'year'],
      [admin.request('GET', '/api/v1/calendar/2024.5'), 400, 'year'],
      [admin.request('GET', '/api/v1/calendar/next'), 400, 'year'],
    ];
    for (const [pending, status, field] of cases) {
      const res = await pending;
      expect([res.statusCode, errorOf(res).field], res.body).toEqual([status, field]);
    }
    expect(await localRows()).toEqual(rows);
    expect(await auditCount(ctx)).toBe(before);
  });

  it('lets only sysAdmin change it', async () => {
    const usernames = ['leader', 'cadre', 'secadmin', 'supervisor'];
    // Logging in is audited: log everyone in before counting.
    const users = await Promise.all(usernames.map((username) => login(ctx.app, username)));
    const rows = await localRows();
    const before = await auditCount(ctx);
    for (const [i, user] of users.entries()) {
      const username = usernames[i];
      const res = await user.request('PUT', '/api/v1/calendar/2024', {
        days: [{ day: '2024-06-03', kind: 'holiday', name: '甲' }],
      });
      expect([res.statusCode, errorOf(res).code], username).toEqual([403, 'FORBIDDEN']);
    }
    expect(await localRows()).toEqual(rows);
    expect(await auditCount(ctx)).toBe(before);
  });
});
