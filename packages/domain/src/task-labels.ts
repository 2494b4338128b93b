import type { TTaskState } from './task-lifecycle.ts';
import type { TCadence, TFrontLine, TPriority, TTaskSource } from './tasks.ts';

/** 任务来源: where a task comes from, as people in the county say it. */
export const TASK_SOURCE_LABELS: Record<TTaskSource, string> = {
  committeeDecision: '常委会议定',
  governmentReport: '政府工作报告',
  leaderInstruction: '领导批示',
  majorTasks: '十件大事',
  livelihood: '民生实事',
  petition: '信访',
  other: '其他',
};

/** 六个一线. */
export const FRONT_LINE_LABELS: Record<TFrontLine, string> = {
  grassroots: '基层一线',
  investment: '招商一线',
  projects: '项目一线',
  development: '发展一线',
  stability: '维稳一线',
  revitalisation: '振兴一线',
};

/** 优先级. */
export const PRIORITY_LABELS: Record<TPriority, string> = { normal: '一般', high: '重要', urgent: '紧急' };

/** 汇报频次. */
export const CADENCE_LABELS: Record<TCadence, string> = { daily: '每日', weekly: '每周', milestone: '按节点' };

/** 任务状态. */
export const TASK_STATE_LABELS: Record<TTaskState, string> = {
  draft: '草稿',
  assigned: '已交办',
  acknowledged: '已签收',
  inProgress: '推进中',
  closeRequested: '待办结',
  closed: '已办结',
  cancelled: '已撤销',
};

/** The tags offered for choice (others may be typed freely). */
export const SUGGESTED_TASK_TAGS = ['十件大事', '十大拉练比拼项目', '民生实事', '揭榜挂帅', '重点项目'] as const;

/** The code named by its Chinese label or by the code itself (case-insensitive), or undefined. */
export function parseLabel<T extends string>(labels: Record<T, string>, text: string): T | undefined {
  const wanted = text.trim();
  const codes = Object.keys(labels) as T[];
  return (
    codes.find((code) => labels[code] === wanted) ?? codes.find((code) => code.toLowerCase() === wanted.toLowerCase())
  );
}
