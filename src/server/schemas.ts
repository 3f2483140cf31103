import { z } from 'zod';

/** Ids are 32-bit integers in both databases: anything larger is bad input, not a database error. */
export const id = z.coerce.number().int().positive().max(2_147_483_647);

/** The article version the user has seen: required for every decision about its text (optimistic locking). */
export const version = z.number().int().positive().max(2_147_483_647);

export const text = (max: number) => z.string().max(max);

/** An instant with an explicit offset (the workflow refuses anything looser with a clear error). */
export const isoTime = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
