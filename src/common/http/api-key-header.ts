/** The header organisations send their API key in. */
export const API_KEY_HEADER = 'X-API-Key';
