import { gstinCheckDigit } from '@duely/domain';
import type { Entity } from './names.ts';
import type { Random } from './random.ts';

const PAN_TYPE: Record<Entity, string> = { company: 'C', llp: 'F', firm: 'F', proprietor: 'P' };

/**
 * A PAN of the right shape: three letters, the holder type, the initial of the name (surname for
 * a person), four digits, a letter. Not a real person's: the last letter is not derived.
 */
export function makePan(random: Random, entity: Entity, initialOf: string): string {
  const initial = (
    /[A-Za-z]/.exec(initialOf.replace(/^(Dr|Shri|Shree|Sri|M\/s)\.?\s+/i, ''))?.[0] ?? 'A'
  ).toUpperCase();
  return `${random.letters(3)}${PAN_TYPE[entity]}${initial}${String(random.int(1, 9999)).padStart(4, '0')}${random.letters(1)}`;
}

/** State code + PAN + registration number in the state + Z + check digit (the GSTN algorithm). */
export function makeGstin(state: string, pan: string, registration = 1): string {
  const first14 = `${state}${pan}${registration.toString(36).toUpperCase()}Z`;
  return first14 + gstinCheckDigit(first14);
}

export function makeIfsc(random: Random, bank: string): string {
  return `${bank}0${random.digits(6)}`;
}

export function mobile(random: Random, series: readonly string[]): string {
  return `+91 ${random.pick(series)} ${random.digits(5)}`;
}

function yearDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 0)) / 86_400_000;
}

/**
 * NEFT UTR as the remitter's bank writes it: HDFC and a few others use the 22-character
 * "HDFCN5" + date + sequence form; others the 16-character bank + N + year + day-of-year form.
 */
export function neftUtr(random: Random, bank: string, date: string): string {
  if (['HDFC', 'ICIC', 'UTIB', 'KKBK', 'YESB', 'INDB'].includes(bank)) {
    return `${bank}N${random.int(1, 5)}${date.replaceAll('-', '')}${random.digits(8)}`;
  }
  return `${bank}N${date.slice(2, 4)}${String(yearDay(date)).padStart(3, '0')}${random.digits(6)}`;
}

/** RTGS UTR: bank + R + channel + YYYYMMDD + 8-digit sequence, 22 characters (RBI format). */
export function rtgsUtr(random: Random, bank: string, date: string): string {
  return `${bank}R${random.int(1, 6)}${date.replaceAll('-', '')}${random.digits(8)}`;
}

/** UPI / IMPS retrieval reference number: last digit of the year, day of year, hour, sequence. */
export function rrn(random: Random, date: string): string {
  return `${date.slice(3, 4)}${String(yearDay(date)).padStart(3, '0')}${String(random.int(9, 20)).padStart(2, '0')}${random.digits(6)}`;
}

/** Account-holder name as a bank narration prints it: upper case, no punctuation, often cut short. */
export function bankStyleName(name: string, random: Random): string {
  const plain = name
    .toUpperCase()
    .replace(/&/g, 'AND')
    .replace(/\bPRIVATE LIMITED\b/g, 'PVT LTD')
    .replace(/[^A-Z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return random.chance(0.3) && plain.length > 24 ? plain.slice(0, 24).trim() : plain;
}

/** Lower-case letters of a business name, without the legal suffix: for e-mail domains and VPAs. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(pvt|ltd|llp|co|dr)\b\.?/g, '')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 28);
}
