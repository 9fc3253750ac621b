import { DECIMAL } from 'src/common/decimal-column';

/** Credits are numeric(7,2), read as numbers. */
export const CREDITS = DECIMAL;
