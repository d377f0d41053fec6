/**
 * A site's brand colour: the rules the Worker enforces and the console checks before saving
 * (plain values, no imports, so every build can use it).
 *
 * The widget uses the colour as text on white and as the background of white button text, so it
 * must reach WCAG's 4.5:1 for normal text against white.
 */
export const BRAND_COLOR_MIN_CONTRAST = 4.5;

/** `#rrggbb`, either case (stored in lower case). */
export const isBrandColor = (s: string): boolean => /^#[0-9a-f]{6}$/i.test(s);

/** WCAG 2 contrast ratio of a `#rrggbb` colour against white (1 to 21). */
export function contrastOnWhite(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

/**
 * The ratio as people read it ("3.17"): rounded down, so a refused colour never reads as 4.50.
 */
export const formatContrast = (ratio: number): string => (Math.floor(ratio * 100) / 100).toFixed(2);
