import type { ValueTransformer } from 'typeorm';

/** A numeric(p,s) column read as a number (the driver gives strings): credits, hours. */
export const DECIMAL: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
