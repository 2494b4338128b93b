import { z } from 'zod';
import { zId, zText } from './org.ts';

export const OPEN_CALL_STATES = ['open', 'awarded', 'withdrawn'] as const;
export type TOpenCallState = (typeof OPEN_CALL_STATES)[number];

/** 揭榜挂帅: publish a task as a call for bids. */
export const ZCreateOpenCallRequest = z.object({
  taskId: zId,
  requirements: zText(4000),
  /** Units (with their subtrees) whose people may bid; empty = every unit. */
  eligibleUnitIds: z.array(zId).max(100).default([]),
  bidDeadline: z.iso.datetime({ offset: true }),
});
export type TCreateOpenCallRequest = z.infer<typeof ZCreateOpenCallRequest>;

/** A bid: the winning plan becomes the charter's goal and the pledge its pledge, so each fits the charter. */
export const ZBidRequest = z.object({ plan: zText(2000), pledge: zText(2000) });
export const ZAwardRequest = z.object({ bidId: zId });

export const ZBid = z.object({
  id: zId,
  callId: zId,
  unitId: zId,
  unitName: z.string(),
  bidderId: zId,
  bidderName: z.string(),
  plan: z.string(),
  pledge: z.string(),
  isWinner: z.boolean(),
  createdAt: z.string(),
});
export type TBid = z.infer<typeof ZBid>;

export const ZOpenCall = z.object({
  id: zId,
  taskId: zId,
  taskTitle: z.string(),
  requirements: z.string(),
  eligibleUnits: z.array(z.object({ id: zId, name: z.string() })),
  bidDeadline: z.string(),
  state: z.enum(OPEN_CALL_STATES),
  publishedBy: zId,
  publishedByName: z.string(),
  publishedAt: z.string(),
  awardedBidId: zId.nullable(),
  awardedAt: z.string().nullable(),
  bidCount: z.number().int(),
  /** Bids the caller may read: all of them for leaders and supervisors, else the caller's own. */
  bids: z.array(ZBid),
  can: z.object({ bid: z.boolean(), award: z.boolean() }),
});
export type TOpenCall = z.infer<typeof ZOpenCall>;

export const ZOpenCallQuery = z.object({
  state: z.enum(OPEN_CALL_STATES).optional(),
  /** The call on one task (a task has at most one). */
  taskId: zId.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TOpenCallQuery = z.infer<typeof ZOpenCallQuery>;
