/**
 * Exact quantities. CEUs are integer hundredths of a CEU, contact hours integer tenths of an
 * hour, money integer cents. Conversion to and from decimal strings happens only here and at
 * the GraphQL edge, so no floating-point number ever takes part in a sum.
 */

/** Hundredths of a CEU. */
export type CeuHundredths = number;
/** Tenths of a contact hour. */
export type HourTenths = number;
/** Integer cents of a currency. */
export type Cents = number;

function parseScaled(text: string, scale: number): number | null {
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) return null;
  const digits = (fraction + '0'.repeat(scale)).slice(0, scale);
  return Number(m[1]) * 10 ** scale + (scale ? Number(digits) : 0);
}

function formatScaled(value: number, scale: number, minFraction: number): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const unit = 10 ** scale;
  const whole = Math.floor(abs / unit);
  let fraction = String(abs % unit).padStart(scale, '0');
  while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`;
}

/** "1.9" → 190; null when not a non-negative decimal with at most 2 places. */
export function parseCeu(text: string): CeuHundredths | null {
  return parseScaled(text, 2);
}

/** 190 → "1.9", 200 → "2.0", 125 → "1.25". */
export function formatCeu(value: CeuHundredths): string {
  return formatScaled(value, 2, 1);
}

/** "1.5" → 15; null when not a non-negative decimal with at most 1 place. */
export function parseHours(text: string): HourTenths | null {
  return parseScaled(text, 1);
}

export function formatHours(value: HourTenths): string {
  return formatScaled(value, 1, 1);
}

/** The plausible contact hours of a course or an outside event: 0.5 to 200 (in tenths). */
export const CONTACT_HOURS_RANGE = Object.freeze({ min: 5, max: 2000 });

/** What is wrong with contact hours outside CONTACT_HOURS_RANGE, in words. */
export const CONTACT_HOURS_MESSAGE = 'contact hours must be a number between 0.5 and 200 with at most one decimal';
/** The same, as the sentence of a refusal. */
export const CONTACT_HOURS_REFUSAL = 'Contact hours must be a number between 0.5 and 200 with at most one decimal.';

/** Contact hours in tenths when `text` is a plausible value (CONTACT_HOURS_RANGE, one decimal at most), else null. */
export function contactHoursOf(text: string): HourTenths | null {
  const tenths = parseHours(text);
  if (tenths === null || tenths < CONTACT_HOURS_RANGE.min || tenths > CONTACT_HOURS_RANGE.max) return null;
  return tenths;
}

/** "25" → 2500, "25.5" → 2550; null when not a non-negative amount with at most 2 places. */
export function parseMoney(text: string): Cents | null {
  return parseScaled(text, 2);
}

/** 2500 → "25.00". */
export function formatMoney(value: Cents): string {
  return formatScaled(value, 2, 2);
}
