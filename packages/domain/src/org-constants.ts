// The organisation's constants, apart from its schemas: the login page reads them, and zod stays out of its load.

/** The roles a grant can give (GLOSSARY.md). */
export const ROLES = [
  'leader',
  'supervisor',
  'unitHead',
  'liaison',
  'cadre',
  'judge',
  'sysAdmin',
  'secAdmin',
  'auditor',
] as const;
export type TRole = (typeof ROLES)[number];

/** The three separated administrator roles (三员分立): no account ever holds two of them. */
export const SEPARATED_ROLES = ['sysAdmin', 'secAdmin', 'auditor'] as const satisfies readonly TRole[];
export type TSeparatedRole = (typeof SEPARATED_ROLES)[number];

/** Whether a role is one of the three separated administrator roles. */
export const isSeparatedRole = (role: TRole): role is TSeparatedRole =>
  (SEPARATED_ROLES as readonly TRole[]).includes(role);

/** Unit categories: units are ranked only within their category. */
export const UNIT_CATEGORIES = ['county', 'township', 'department', 'park', 'enterprise', 'other'] as const;
export type TUnitCategory = (typeof UNIT_CATEGORIES)[number];

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type TLocale = (typeof LOCALES)[number];
