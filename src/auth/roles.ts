export const ROLES = [
  'admin',
  'registrar',
  'cpd_officer',
  'ethics_officer',
  'finance',
  'member',
] as const;
export type Role = (typeof ROLES)[number];
