import { describe, expect, it } from 'vitest';
import {
  isOpenTaskState,
  nextTaskState,
  TASK_ACTIONS,
  TASK_STATES,
  type TTaskAction,
  type TTaskState,
} from './task-lifecycle.ts';

/** Every allowed transition, written out by hand; everything else is refused. */
const ALLOWED: [TTaskState, TTaskAction, TTaskState][] = [
  ['draft', 'assign', 'assigned'],
  ['assigned', 'acknowledge', 'acknowledged'],
  ['acknowledged', 'start', 'inProgress'],
  ['acknowledged', 'requestClose', 'closeRequested'],
  ['inProgress', 'requestClose', 'closeRequested'],
  ['closeRequested', 'close', 'closed'],
  ['closeRequested', 'reopen', 'inProgress'],
  ['draft', 'cancel', 'cancelled'],
  ['assigned', 'cancel', 'cancelled'],
  ['acknowledged', 'cancel', 'cancelled'],
  ['inProgress', 'cancel', 'cancelled'],
  ['closeRequested', 'cancel', 'cancelled'],
];

describe('task state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(nextTaskState(from, action)).toBe(to);
  });

  const refused = TASK_STATES.flatMap((state) =>
    TASK_ACTIONS.filter((action) => !ALLOWED.some(([f, a]) => f === state && a === action)).map(
      (action) => [state, action] as const,
    ),
  );
  it.each(refused)('%s refuses %s', (state, action) => {
    expect(nextTaskState(state, action)).toBeNull();
  });

  it('covers every pair of state and action', () => {
    expect(ALLOWED.length + refused.length).toBe(TASK_STATES.length * TASK_ACTIONS.length);
  });

  it('knows which states are open', () => {
    expect(TASK_STATES.filter(isOpenTaskState)).toEqual([
      'draft',
      'assigned',
      'acknowledged',
      'inProgress',
      'closeRequested',
    ]);
  });
});

describe('update schemas', () => {
  it('add no defaults: a change names only the fields given', async () => {
    const { ZMilestoneUpdate, ZTaskUpdate } = await import('./tasks.ts');
    expect(ZMilestoneUpdate.parse({ state: 'done' })).toEqual({ state: 'done' });
    expect(ZTaskUpdate.parse({ ownerId: null })).toEqual({ ownerId: null });
  });
});
