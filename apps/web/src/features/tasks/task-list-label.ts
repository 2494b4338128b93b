import type { TTaskList } from '@duban/domain';
import { i18n } from '../../app/i18n/index.ts';

/** A list's name as the pickers show it: with its year, unless the name already says it. */
export const taskListLabel = (list: Pick<TTaskList, 'name' | 'year'>): string =>
  list.name.includes(String(list.year)) ? list.name : i18n.t('tasks.listOption', { name: list.name, year: list.year });
