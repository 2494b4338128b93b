import { z } from 'zod';
import { isValidWeek, WEEK_PATTERN } from './weeks.ts';

// The week's schema, apart from the week arithmetic: the Today page reckons with weeks, and zod stays out of its load.

/** An ISO week 'YYYY-Www' that exists in the calendar. */
export const zWeek = z
  .string()
  .regex(WEEK_PATTERN, "an ISO week 'YYYY-Www', e.g. 2023-W05")
  .refine(isValidWeek, "no such ISO week: expected 'YYYY-Www' with a week that exists in that year");
