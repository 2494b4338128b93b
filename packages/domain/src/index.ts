export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './org.ts';
export * from './settings.ts';
export * from './unit-tree.ts';
