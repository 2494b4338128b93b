import type { TNotificationMessage } from '@duban/domain';
import { sql } from 'drizzle-orm';
import type { TDb } from '../../platform/db/client.ts';
import { channelTarget } from './enqueue.ts';
import * as repo from './notifications.repo.ts';

/** How far back the digest looks. */
const DAY_MS = 24 * 60 * 60_000;
/** A digest already queued this recently is not queued again (the job is idempotent within its day). */
const REPEAT_GUARD_MS = 20 * 60 * 60_000;
/** How many items a digest lists by title. */
const LISTED = 20;

type TPersonDigest = {
  user_id: string;
  email: string;
  display_name: string;
  n: number;
  titles: string[];
};

type TChannelDigest = {
  channel_id: string;
  kind: string;
  url: string | null;
  addresses: string[];
  unit_name: string | null;
  items: number;
  unread: number;
  people: number;
  titles: string[];
};

/** One e-mail for a person: the day's unread inbox items by title. */
export function personalDigest(name: string, count: number, titles: string[]): TNotificationMessage {
  const more = count > titles.length ? `\n- ……还有 ${count - titles.length} 条` : '';
  return {
    title: `督办每日摘要：${count} 条未读消息`,
    text: `${name}，您好：\n\n过去一天您有 ${count} 条未读消息：\n\n${titles.map((t) => `- ${t}`).join('\n')}${more}\n\n请登录督办平台查看处理。`,
  };
}

/** One message for a group: how many items the unit's people got in the day, and how many are still unread. */
export function channelDigest(
  row: Omit<TChannelDigest, 'channel_id' | 'kind' | 'url' | 'addresses'>,
): TNotificationMessage {
  const scope = row.unit_name ?? '全县';
  const lines = row.titles.length ? `\n\n未读较多的事项：\n\n${row.titles.map((t) => `- ${t}`).join('\n')}` : '';
  return {
    title: `督办每日摘要：${scope}`,
    text: `过去一天${scope}共收到 ${row.items} 条督办消息，其中 ${row.unread} 条尚未阅读（涉及 ${row.people} 人）。${lines}`,
  };
}

/**
 * The daily digest (08:00 Asia/Shanghai): one e-mail per person with an address and unread inbox items from the
 * last day, listing them — instead of an e-mail per item — and one summary to every channel carrying `digest`.
 * Idempotent within the day: a person or channel that already has a digest from the last 20 hours is skipped.
 */
export async function sendDailyDigest(db: TDb, now = new Date()): Promise<{ people: number; channels: number }> {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const until = now.toISOString();
  const guard = new Date(now.getTime() - REPEAT_GUARD_MS).toISOString();
  return db.transaction(async (tx) => {
    const people = await tx.execute<TPersonDigest>(sql`
      select u.id as user_id, u.email, u.display_name, count(*)::int as n,
             (array_agg(i.title order by i.id desc))[1:${LISTED}] as titles
        from inbox_items i
        join users u on u.id = i.user_id
       where i.created_at > ${since}::timestamptz and i.created_at <= ${until}::timestamptz and i.read_at is null
         and u.is_active and coalesce(u.email, '') <> ''
         and not exists (select 1 from deliveries d where d.user_id = u.id and d.event = 'digest'
                           and d.created_at > ${guard}::timestamptz)
       group by u.id`);
    const channels = await tx.execute<TChannelDigest>(sql`
      with recent as (
        select i.id, i.title, i.read_at, i.user_id, u.unit_path
          from inbox_items i join users u on u.id = i.user_id
         where i.created_at > ${since}::timestamptz and i.created_at <= ${until}::timestamptz)
      select c.id as channel_id, c.kind, c.url, c.addresses, cu.name as unit_name,
             count(r.id)::int as items, count(r.id) filter (where r.read_at is null)::int as unread,
             count(distinct r.user_id) filter (where r.read_at is null)::int as people,
             coalesce((select array_agg(t.title) from (
                select r2.title from recent r2
                 where r2.read_at is null and (cu.path is null or r2.unit_path collate "C" like cu.path || '%')
                 group by r2.title order by count(*) desc, r2.title limit 10) t), '{}') as titles
        from notification_channels c
        left join units cu on cu.id = c.unit_id
        join recent r on (cu.path is null or r.unit_path collate "C" like cu.path || '%')
       where c.enabled and 'digest' = any(c.events)
         and not exists (select 1 from deliveries d where d.channel_id = c.id and d.event = 'digest'
                           and d.created_at > ${guard}::timestamptz)
       group by c.id, cu.name, cu.path`);
    const rows: repo.TNewDelivery[] = [
      ...people.rows.map((p) => ({
        channelId: null,
        userId: p.user_id,
        kind: 'email',
        target: p.email,
        event: 'digest',
        message: personalDigest(p.display_name, p.n, p.titles.slice(0, LISTED)),
        nextAttemptAt: now,
        createdAt: now,
      })),
      ...channels.rows.map((c) => ({
        channelId: c.channel_id,
        userId: null,
        kind: c.kind,
        target: channelTarget(c),
        event: 'digest',
        message: channelDigest(c),
        nextAttemptAt: now,
        createdAt: now,
      })),
    ];
    await repo.insertDeliveries(tx, rows);
    return { people: people.rows.length, channels: channels.rows.length };
  });
}
