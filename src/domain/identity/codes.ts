/**
 * National identifier formats, pure functions shared by server and web.
 * GB 32100-2015 unified social credit code; GB 11643-1999 citizen ID number.
 */

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a unified social credit code, computed from the first 17 (GB 32100). */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CHARS[c]!;
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** 18-character citizen ID: region, a real birth date, and the ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return false;
  const y = Number(upper.slice(6, 10));
  const m = Number(upper.slice(10, 12));
  const d = Number(upper.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idNumberCheckChar(upper.slice(0, 17)) === upper[17];
}

/** Mainland mobile number: 11 digits starting with 1. */
export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** 138****1234: enough to recognise, not enough to call. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 3501**********123X */
export function maskIdNumber(id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
