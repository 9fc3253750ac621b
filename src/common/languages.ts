/**
 * The languages Guildhall writes to people in, by BCP 47 tag: Bahasa Indonesia and English. A
 * person's own (`persons.language`) picks the text of what is sent to them, where it has one.
 */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
