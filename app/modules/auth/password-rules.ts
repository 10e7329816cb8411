/** Shared by the browser form and the server: long beats clever (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;
