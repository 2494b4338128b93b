import { z } from 'zod';
import { ZGrant, ZUser, zText } from './org.ts';
import { LOCALES, ROLES } from './org-constants.ts';

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  user: ZUser,
  grants: z.array(ZGrant),
  roles: z.array(z.enum(ROLES)),
  via: z.enum(['session', 'token']),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({ user: ZUser, grants: z.array(ZGrant), csrfToken: z.string() });
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZSessionResponse = ZMe.extend({ csrfToken: z.string().nullable() });

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const ZUpdateMeRequest = z.object({ locale: z.enum(LOCALES) }).strict();

export const TOKEN_ACCESS = ['read', 'readWrite'] as const;

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  access: z.enum(TOKEN_ACCESS),
  grantIds: z.array(z.uuid()),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreateTokenRequest = z.object({
  name: zText(60),
  access: z.enum(TOKEN_ACCESS).default('read'),
  /** Grants of the owner the token may use; none given = all the owner's grants at use time. */
  grantIds: z.array(z.uuid()).max(50).optional(),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
export type TCreateTokenRequest = z.infer<typeof ZCreateTokenRequest>;

export const ZCreatedToken = ZApiToken.extend({ token: z.string() });
