import { creditCodeCheckChar, idNumberCheckChar } from '../../domain/identity/codes.ts';

/**
 * A seeded generator for demo data: the same seed gives the same people,
 * numbers and codes on every machine, so screenshots and tests stay stable.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  digits(count: number): string;
}

/** mulberry32: tiny, fast and good enough for made-up data (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    digits(count) {
      let s = '';
      for (let i = 0; i < count; i++) s += String(int(0, 9));
      return s;
    },
  };
}

export type Gender = 'male' | 'female';

// Common surnames where each demo lives: Fuzhou (闽东) and Xingguo (赣南 Hakka); one character each.
export const FUZHOU_SURNAMES: readonly string[] = [...'林陈黄郑王李张吴刘杨何游魏叶翁高邱'];
export const XINGGUO_SURNAMES: readonly string[] = [...'钟陈李谢刘黄曾王邱肖温傅胡'];
const GIVEN: Record<Gender, readonly string[]> = {
  male: [...'建国华明伟强磊军勇杰平刚辉鹏斌涛宇浩志文海荣福金晨俊彬峰'],
  female: [...'丽芳敏静娟霞婷雪洁欣怡燕玲秀英春梅兰桂琳颖慧萍清'],
};

export function personName(rnd: Random, surnames: readonly string[], gender: Gender): string {
  const given = GIVEN[gender];
  // About a third of names have a single given character, as in real rolls.
  const first = rnd.pick(given);
  if (rnd.next() < 0.35) return rnd.pick(surnames) + first;
  let second = rnd.pick(given);
  while (second === first) second = rnd.pick(given);
  return rnd.pick(surnames) + first + second;
}

/** An 11-digit mainland mobile number. */
export function mobileNumber(rnd: Random): string {
  return `1${rnd.pick(['3', '5', '7', '8', '9'])}${rnd.digits(9)}`;
}

/** A birth date as 'YYYY-MM-DD' within [fromYear, toYear]. */
export function birthDate(rnd: Random, fromYear: number, toYear: number): string {
  const y = rnd.int(fromYear, toYear);
  const m = rnd.int(1, 12);
  const d = rnd.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** GB 11643 citizen ID: birthplace county, birth date, sequence (odd for men), check character. */
export function idNumber(rnd: Random, county: string, birth: string, gender: Gender): string {
  const seq = rnd.digits(2) + String(rnd.int(0, 4) * 2 + (gender === 'male' ? 1 : 0));
  const first17 = `${county}${birth.replaceAll('-', '')}${seq}`;
  const check = idNumberCheckChar(first17);
  if (!check) throw new Error(`cannot build an ID number from ${first17}`);
  return first17 + check;
}

/** GB 11714 organisation code: 8 characters and a check character (weights 3,7,9,10,5,8,4,2). */
function organisationCode(rnd: Random): string {
  const body = rnd.digits(8);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (weights[i] ?? 0), 0);
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** GB 32100 unified social credit code of a company registered by market regulation (91…) in `county`. */
export function creditCode(rnd: Random, county: string): string {
  const first17 = `91${county}${organisationCode(rnd)}`;
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`cannot build a credit code from ${first17}`);
  return first17 + check;
}
