import { z } from 'zod';
import { DEFAULT_LIGHT_RULES, ZLightRules } from './lights.ts';

export const ZPasswordPolicy = z.object({
  minLength: z.number().int().min(8).max(64),
  minClasses: z.number().int().min(1).max(4),
});
export type TPasswordPolicy = z.infer<typeof ZPasswordPolicy>;

export const ZLockoutPolicy = z.object({
  /** Failed logins of an account from one client address before that address is locked out of it. */
  maxAttempts: z.number().int().min(3).max(20),
  minutes: z.number().int().min(1).max(1440),
  /** Failed logins of an account from all addresses together before the account itself is locked. */
  accountMaxAttempts: z.number().int().min(10).max(1000).default(50),
});

export const ZSettings = z.object({
  passwordPolicy: ZPasswordPolicy,
  lockout: ZLockoutPolicy,
  sessionIdleMinutes: z.number().int().min(5).max(720),
  /** A session ends this many hours after login, however active (the absolute lifetime). */
  sessionMaxHours: z.number().int().min(1).max(168).default(12),
  /** Light thresholds and the escalation ladder's days (DESIGN.md §2 "Light", "Supervise"). */
  lightRules: ZLightRules,
});
export type TSettings = z.infer<typeof ZSettings>;

export const ZUpdateSettingsRequest = ZSettings.partial().strict();

export const DEFAULT_SETTINGS: TSettings = {
  passwordPolicy: { minLength: 8, minClasses: 3 },
  lockout: { maxAttempts: 5, minutes: 15, accountMaxAttempts: 50 },
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  lightRules: DEFAULT_LIGHT_RULES,
};

/** Which rule of the policy a password breaks, or null when it passes. */
export function checkPassword(password: string, policy: TPasswordPolicy): 'tooShort' | 'tooSimple' | null {
  if ([...password].length < policy.minLength) return 'tooShort';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  return classes < policy.minClasses ? 'tooSimple' : null;
}
