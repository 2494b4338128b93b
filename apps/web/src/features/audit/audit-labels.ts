import { currentLocale, messagesOf } from '../../app/i18n/index.ts';

/** The name of an audit action in the UI language, or the code itself for an action the UI does not know. */
export function actionLabel(action: string): string {
  const labels: Partial<Record<string, string>> = messagesOf(currentLocale()).audit.actions;
  return labels[action] ?? action;
}

/** The name of an audit target type in the UI language. */
export function targetTypeLabel(type: string): string {
  const labels: Partial<Record<string, string>> = messagesOf(currentLocale()).audit.targetTypes;
  return labels[type] ?? type;
}

/** The action codes and prefixes offered in the action filter. */
export const ACTION_SUGGESTIONS = Object.keys(messagesOf('zh-CN').audit.actions).flatMap((action, i, all) => {
  const prefix = `${action.split('.')[0]}.`;
  const isFirstOfPrefix = all.findIndex((a) => a.startsWith(prefix)) === i;
  return isFirstOfPrefix ? [prefix, action] : [action];
});

/** The target types offered in the filter. */
export const TARGET_TYPES = Object.keys(messagesOf('zh-CN').audit.targetTypes);
