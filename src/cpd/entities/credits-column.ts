import type { ValueTransformer } from 'typeorm';

/** Credits are numeric(7,2): read as numbers (the driver gives strings). */
export const CREDITS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
