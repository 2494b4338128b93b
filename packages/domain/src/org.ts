import { z } from 'zod';
import { LOCALES, ROLES, SEPARATED_ROLES, UNIT_CATEGORIES } from './org-constants.ts';

/** A printable string without control characters, trimmed, bounded. */
export const zText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'control characters are not allowed');

export const zId = z.uuid();

export const ZUnit = z.object({
  id: zId,
  parentId: zId.nullable(),
  name: z.string(),
  category: z.enum(UNIT_CATEGORIES),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitList = z.object({ items: z.array(ZUnit) });

export const ZCreateUnitRequest = z.object({
  name: zText(100),
  category: z.enum(UNIT_CATEGORIES),
  parentId: zId,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

export const ZUpdateUnitRequest = z
  .object({
    name: zText(100).optional(),
    category: z.enum(UNIT_CATEGORIES).optional(),
    parentId: zId.optional(),
    sortOrder: z.number().int().min(0).max(100000).optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

export const ZGrant = z.object({
  id: zId,
  userId: zId,
  role: z.enum(ROLES),
  unitId: zId,
  unitName: z.string(),
  includeSubtree: z.boolean(),
  createdAt: z.string(),
});
export type TGrant = z.infer<typeof ZGrant>;

export const ZCreateGrantRequest = z.object({
  role: z.enum(ROLES),
  unitId: zId,
  includeSubtree: z.boolean().default(true),
});
export type TCreateGrantRequest = z.infer<typeof ZCreateGrantRequest>;

export const ZUser = z.object({
  id: zId,
  username: z.string(),
  displayName: z.string(),
  unitId: zId,
  unitName: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** Holds sysAdmin, secAdmin or auditor: its password is reset by two administrators, never by one (三员分立). */
  isPrivileged: z.boolean(),
  locale: z.enum(LOCALES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const zUsername = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, 'letters, digits, _ . - and starting with a letter');

const zPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{5,20}$/, 'a phone number');

export const ZCreateUserRequest = z.object({
  username: zUsername,
  displayName: zText(50),
  unitId: zId,
  title: zText(50).nullish(),
  phone: zPhone.nullish(),
  email: z.email().max(200).nullish(),
  password: z.string().min(1).max(128),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({
    displayName: zText(50).optional(),
    unitId: zId.optional(),
    title: zText(50).nullish(),
    phone: zPhone.nullish(),
    email: z.email().max(200).nullish(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZResetPasswordRequest = z.object({ password: z.string().min(1).max(128) });

/**
 * An open two-person reset of a privileged account's password (三员分立): opened by sysAdmin or secAdmin, confirmed
 * by an administrator of another of the three roles; each is shown one half of the new password.
 */
export const ZPrivilegedReset = z.object({
  id: zId,
  userId: zId,
  username: z.string(),
  displayName: z.string(),
  /** The separated role the account holds. */
  userRole: z.enum(SEPARATED_ROLES),
  openedBy: z.object({ id: zId, displayName: z.string(), role: z.enum(SEPARATED_ROLES) }),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Whether the caller may confirm it (another administrator, of another of the three roles). */
  canConfirm: z.boolean(),
});
export type TPrivilegedReset = z.infer<typeof ZPrivilegedReset>;

export const ZPrivilegedResetList = z.object({ items: z.array(ZPrivilegedReset) });

/** One half of the new password, shown once to the administrator who took that step. */
export const ZPrivilegedResetHalf = z.object({
  resetId: zId,
  username: z.string(),
  /** first: the opener's, typed first; second: the confirmer's, typed after it. */
  position: z.enum(['first', 'second']),
  half: z.string(),
});
export type TPrivilegedResetHalf = z.infer<typeof ZPrivilegedResetHalf>;

export const ZUserQuery = z.object({
  unitId: zId.optional(),
  includeSubtree: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  isActive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TUserQuery = z.infer<typeof ZUserQuery>;
