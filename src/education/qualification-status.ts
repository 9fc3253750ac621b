import type { QualificationStatus } from 'src/education/education.types';

/** Only a submitted qualification waits for a decision. */
export const canReview = (status: QualificationStatus) => status === 'submitted';

/** A verified diploma is settled; anything else may be corrected, which submits it again. */
export const canCorrect = (status: QualificationStatus) => status !== 'verified';
