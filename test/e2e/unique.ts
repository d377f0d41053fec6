/**
 * A short unique tag for text the tests post. Not a timestamp: a 13-digit number can pass the
 * Luhn check and be masked as a card number by the community screening, as it should be.
 */
export const uniqueTag = (): string => `ref ${crypto.randomUUID().slice(0, 8)}`;
