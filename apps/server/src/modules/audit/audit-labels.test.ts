import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESCALATION_STEPS, TASK_ACTIONS } from '@duban/domain';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/config.ts';

/** Every source file of the server but its tests. */
function serverSources(dir = path.join(REPO_ROOT, 'apps/server/src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : serverSources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const sources = serverSources().map((file) => readFileSync(file, 'utf8'));
const found = (pattern: RegExp) => [
  ...new Set(sources.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]))),
];

/** What the server writes to the audit log: the literal actions and target types, and the composed ones. */
const actions = [
  ...found(/action: '([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g),
  ...TASK_ACTIONS.map((a) => `task.${a}`),
  'task.instruction',
  'task.comment',
  ...ESCALATION_STEPS.map((s) => `escalation.${s}`),
];
const targetTypes = found(/targetType: '([a-zA-Z]+)'/g);

const messages = (locale: string) => readFileSync(path.join(REPO_ROOT, `apps/web/src/app/i18n/${locale}.ts`), 'utf8');

describe('the audit log in the web client', () => {
  it.each(['zh-cn', 'en-us'])(
    'names every action and target type the server records (%s), never its code',
    (locale) => {
      const text = messages(locale);
      const actionBlock = text.slice(text.indexOf('    actions: {'), text.indexOf('    targetTypes: {'));
      const typeBlock = text.slice(text.indexOf('    targetTypes: {'));
      expect(actions.length).toBeGreaterThan(60);
      expect(actions.filter((action) => !actionBlock.includes(`'${action}':`))).toEqual([]);
      expect(targetTypes.length).toBeGreaterThan(15);
      expect(targetTypes.filter((type) => !new RegExp(`\\n\\s+${type}: '`).test(typeBlock))).toEqual([]);
    },
  );
});
