export const ROLES = [
  'admin',
  'registrar',
  'cpd_officer',
  'ethics_officer',
  'finance',
  'volunteer_coordinator',
  'member',
] as const;
export type Role = (typeof ROLES)[number];
