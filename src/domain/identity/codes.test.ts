import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, idNumberCheckChar, isValidCreditCode, isValidIdNumber, isValidMobile, maskIdNumber, maskPhone } from './codes.ts';

describe('REG-2 / ORG-3 national identifier formats', () => {
  it('REG-2 accepts published unified social credit codes (GB 32100 check character)', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '91440300708461136T']) expect(isValidCreditCode(code)).toBe(true);
  });

  it('REG-2 rejects any single-character change of a valid credit code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), fc.nat(16), fc.constantFrom(...alphabet), (body, pos, ch) => {
        const first17 = body.join('');
        const valid = first17 + creditCodeCheckChar(first17)!;
        if (valid[pos] === ch) return;
        const changed = valid.slice(0, pos) + ch + valid.slice(pos + 1);
        // A weighted mod-31 sum catches every single substitution.
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });

  it('REG-2 rejects wrong length and letters outside the code alphabet (I, O, S, V, Z)', () => {
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
  });

  it('ORG-3 validates citizen ID numbers by birth date and check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300021')).toBe(false); // 30 February
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('ORG-3 masks phone and ID numbers', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});
