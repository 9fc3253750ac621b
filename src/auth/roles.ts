export const ROLES = [
  'admin',
  'registrar',
  'cpd_officer',
  'ethics_officer',
  'finance',
  'member',
] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'registrar',
  'cpd_officer',
  'ethics_officer',
  'finance',
];

export const isStaff = (roles: readonly Role[]) => roles.some((role) => STAFF_ROLES.includes(role));
