export * from './audit.ts';
export * from './auth.ts';
export * from './bulletins.ts';
export * from './calendar.ts';
export * from './check-ins.ts';
export * from './notifications.ts';
export * from './org.ts';
export * from './tasks.ts';
