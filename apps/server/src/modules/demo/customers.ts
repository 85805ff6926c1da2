import type { ContactInput } from '@duely/contracts/customers';
import { addDays, daysBetween, type PaymentTermsRule, type SupplyType, supplyTypeOf } from '@duely/domain';
import { type Cadence, PROFILES, type Profile } from './behaviour.ts';
import type { Segment } from './catalogue.ts';
import { bankStyleName, makeGstin, makeIfsc, makePan, mobile, slugOf } from './identifiers.ts';
import {
  BUSINESSES,
  CITIES,
  type City,
  type Entity,
  HOUSEHOLDS,
  PAYER_BANKS,
  PEOPLE,
  UPI_HANDLES,
} from './names.ts';
import type { BankKey, PlanCustomer, TermsKey } from './plan.ts';
import type { Random } from './random.ts';
import { collectorKey, TERMS_RULE } from './setup.ts';

export type Size = 'key' | 'large' | 'medium' | 'small' | 'retail';

/** A customer as the simulation sees it: the row to create plus how it buys and pays. */
export interface CustomerModel {
  index: number;
  plan: PlanCustomer;
  b2c: boolean;
  entity: Entity | null;
  city: City;
  segment: Segment;
  size: Size;
  profile: Profile;
  cadence: Cadence;
  termsKey: TermsKey;
  terms: PaymentTermsRule;
  supply: SupplyType;
  /** First and last day it is invoiced. */
  start: string;
  lastInvoice: string;
  /** From this day it pays nothing more. */
  stopDate: string | null;
  invoicesPerMonth: number;
  /** Invoice value range in rupees (a driver for quantities, not money). */
  value: readonly [number, number];
  /** Price level against list, per mille: key accounts buy cheaper. */
  priceFactor: number;
  /** Trade discount in percent on switchgear and accessories. */
  tradeDiscount: number;
  /** TDS withheld, in basis points, by kind of invoice. */
  tds: { goods: number; svc194C: number; svc194J: number };
  payer: { name: string; bank: string; ifsc: string; account: string; vpa: string; nextCheque: number };
  prefersCheque: boolean;
  bounces: number;
  bounceFrom: string | null;
  bankCharges: boolean;
  rounds: boolean;
  advances: boolean;
  noAdvice: boolean;
  bank: BankKey;
}

const SIZE_RULES: Record<
  Size,
  {
    perMonth: number;
    value: [number, number];
    price: [number, number];
    limit: [number, number, number] | null;
  }
> = {
  key: {
    perMonth: 8,
    value: [150_000, 1_200_000],
    price: [925, 965],
    limit: [2_500_000, 6_000_000, 500_000],
  },
  large: { perMonth: 5, value: [60_000, 400_000], price: [950, 990], limit: [1_000_000, 2_500_000, 250_000] },
  medium: {
    perMonth: 3.4,
    value: [25_000, 150_000],
    price: [975, 1020],
    limit: [300_000, 1_000_000, 50_000],
  },
  small: { perMonth: 1.5, value: [8_000, 60_000], price: [1000, 1060], limit: [100_000, 300_000, 25_000] },
  retail: { perMonth: 0.3, value: [4_000, 90_000], price: [1040, 1080], limit: null },
};

const SEGMENT_TAG: Record<Segment, string> = {
  dealer: 'dealer',
  panel: 'panel-builder',
  contractor: 'contractor',
  solar: 'solar-epc',
  hvac: 'hvac',
  pumps: 'agri-pumps',
  industrial: 'industrial',
  home: 'retail',
  rooftop: 'rooftop-solar',
};

function personName(random: Random, city: City): { first: string; last: string; full: string } {
  const people = PEOPLE[city.people];
  const first = random.pick(people.first);
  const last = random.pick(people.last);
  return { first, last, full: `${first} ${last}` };
}

function addressIn(random: Random, city: City): string {
  const [locality, pin] = random.pick(city.localities);
  return `${locality}, ${city.name} ${pin}, ${city.stateName}`;
}

function rupees(n: number): string {
  return `${Math.round(n)}.00`;
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

function businessContacts(
  random: Random,
  name: string,
  city: City,
  entity: Entity,
  size: Size,
): { contacts: ContactInput[]; owner: string } {
  const domain = `${slugOf(name)}.example`;
  const accounts = personName(random, city);
  const owner = personName(random, city);
  const ownerRole = {
    company: 'Director',
    llp: 'Designated Partner',
    firm: 'Partner',
    proprietor: 'Proprietor',
  }[entity];
  const accountsPhone = mobile(random, city.mobile);
  const ownerPhone = mobile(random, city.mobile);
  const contacts: ContactInput[] = [
    {
      name: accounts.full,
      role: random.pick(['Accounts', 'Accounts Manager', 'Accounts Executive', 'Finance Manager']),
      email: random.chance(0.6)
        ? `accounts@${domain}`
        : `${accounts.first.split(' ')[0]!.toLowerCase()}@${domain}`,
      phone: accountsPhone,
      whatsapp: random.chance(0.7) ? accountsPhone : null,
      preferred_channel: 'email',
      // Accounts staff of companies read English; a proprietor's munim often prefers the local language.
      language: entity === 'proprietor' ? city.language : 'en',
      consent_email: true,
      consent_sms: random.chance(0.5),
      consent_whatsapp: random.chance(0.65),
      do_not_contact: false,
      is_primary: true,
    },
    {
      name: owner.full,
      role: ownerRole,
      email: random.chance(0.5)
        ? `${owner.first.split(' ')[0]!.toLowerCase()}.${owner.last.toLowerCase()}@${domain}`
        : null,
      phone: ownerPhone,
      whatsapp: random.chance(0.8) ? ownerPhone : null,
      preferred_channel: random.pick(['phone', 'whatsapp', 'visit'] as const),
      language: city.language,
      consent_email: random.chance(0.7),
      consent_sms: false,
      consent_whatsapp: random.chance(0.6),
      // Some owners ask that dunning go to accounts only.
      do_not_contact: random.chance(0.15),
      is_primary: false,
    },
  ];
  if ((size === 'key' || size === 'large') && random.chance(0.6)) {
    const buyer = personName(random, city);
    contacts.push({
      name: buyer.full,
      role: 'Purchase Manager',
      email: `purchase@${domain}`,
      phone: mobile(random, city.mobile),
      whatsapp: null,
      preferred_channel: 'email',
      language: 'en',
      consent_email: true,
      consent_sms: false,
      consent_whatsapp: false,
      do_not_contact: random.chance(0.3),
      is_primary: false,
    });
  }
  return { contacts, owner: owner.last };
}

function householdContact(random: Random, name: string, city: City): ContactInput[] {
  const phone = mobile(random, city.mobile);
  const handle = name
    .toLowerCase()
    .replace(/^dr\.\s*/, '')
    .replace(/[^a-z ]/g, '')
    .trim()
    .split(/\s+/);
  return [
    {
      name,
      role: 'Self',
      email: random.chance(0.65) ? `${handle[0]}.${handle.at(-1)}${random.int(1, 99)}@mail.example` : null,
      phone,
      whatsapp: random.chance(0.85) ? phone : null,
      preferred_channel: 'whatsapp',
      language: city.language,
      consent_email: random.chance(0.8),
      consent_sms: random.chance(0.6),
      consent_whatsapp: random.chance(0.75),
      do_not_contact: random.chance(0.08),
      is_primary: true,
    },
  ];
}

function payerOf(random: Random, name: string, b2c: boolean, phone: string | null | undefined) {
  const [bank, length] = random.pick(PAYER_BANKS);
  const digits = (phone ?? '').replace(/\D/g, '').slice(-10);
  return {
    name: bankStyleName(name, random),
    bank,
    ifsc: makeIfsc(random, bank),
    account: random.digits(length),
    vpa:
      b2c && digits
        ? `${digits}@${random.pick(UPI_HANDLES)}`
        : `${slugOf(name).slice(0, 16)}@${random.pick(UPI_HANDLES)}`,
    nextCheque: random.int(1_000, 899_000),
  };
}

/**
 * 48–52 businesses and 12–14 households from the name lists, each with a size, a way of paying,
 * terms to match, a collector by region, and the quirks (cheques, TDS, rounding, advances) that
 * give a collections team something to do.
 */
export function makeCustomers(
  random: Random,
  start: string,
  today: string,
  supplierState: string | null,
  volume = 1,
): CustomerModel[] {
  const window = daysBetween(start, today);
  const businesses = random.sample(BUSINESSES, random.int(48, 52));
  // Every line of business appears, so every part of the catalogue (and every GST rate) is sold.
  for (const segment of new Set(BUSINESSES.map((b) => b.segment))) {
    if (businesses.some((b) => b.segment === segment)) continue;
    const dealers = businesses.filter((b) => b.segment === 'dealer');
    businesses[businesses.indexOf(random.pick(dealers))] = random.pick(
      BUSINESSES.filter((b) => b.segment === segment),
    );
  }
  const households = random.sample(HOUSEHOLDS, random.int(12, 14));

  // Companies are likelier to be the big buyers.
  const bias: Record<Entity, number> = { company: 0.55, llp: 0.3, firm: 0.2, proprietor: 0 };
  const ranked = businesses
    .map((b) => ({ b, score: random.next() + bias[b.entity] }))
    .sort((x, y) => y.score - x.score);
  const sizeOf = (rank: number): Size =>
    rank < 8 ? 'key' : rank < 20 ? 'large' : rank < 36 ? 'medium' : 'small';

  // Stopped payers come from the smaller half, so one bad debt does not swamp the ledger.
  const profiles: Profile[] = [
    'discount',
    'discount',
    'discount',
    'discount',
    'chronic',
    'chronic',
    'chronic',
    'chronic',
    'chronic',
  ];
  for (let i = 0; i < 8; i++) profiles.push('slow');
  for (let i = 0; i < 9; i++) profiles.push('prompt');
  while (profiles.length < businesses.length - 2) profiles.push('regular');
  const shuffled = random.sample(profiles, profiles.length);
  const stoppedRanks = new Set(
    random.sample(
      [...Array(businesses.length - 20).keys()].map((i) => i + 20),
      2,
    ),
  );

  const codeSeq = new Map<string, number>();
  const models: CustomerModel[] = [];
  let profileIndex = 0;

  ranked.forEach(({ b }, rank) => {
    const city = CITIES[b.city]!;
    const size = sizeOf(rank);
    const profile: Profile = stoppedRanks.has(rank) ? 'stopped' : shuffled[profileIndex++]!;
    const termsKey: TermsKey =
      profile === 'discount'
        ? '2-10-NET30'
        : b.segment === 'solar' && size !== 'key' && random.chance(0.5)
          ? 'INST-30-30-40'
          : size === 'key'
            ? random.pick(['NET60', 'NET45'] as const)
            : size === 'large'
              ? random.pick(['NET45', 'NET30'] as const)
              : size === 'medium'
                ? random.pick(['NET30', 'NET30', 'NET15'] as const)
                : random.pick(['NET15', 'NET30'] as const);
    const seq = (codeSeq.get(city.code) ?? random.int(1, 12)) + 1;
    codeSeq.set(city.code, seq);
    const code = `${city.code}-${String(seq).padStart(3, '0')}`;
    const { contacts, owner } = businessContacts(random, b.name, city, b.entity, size);
    const pan = makePan(random, b.entity, b.entity === 'proprietor' ? owner : b.name);
    const gstin = makeGstin(city.state, pan, random.chance(0.9) ? 1 : 2);
    const rule = SIZE_RULES[size];
    const joinsLate = b.segment !== 'hvac' && random.chance(0.15);
    const customerStart = joinsLate ? addDays(start, random.int(60, window - 75)) : start;
    const stopDate = profile === 'stopped' ? addDays(today, -random.int(130, 220)) : null;
    const cadence: Cadence =
      profile === 'discount'
        ? 'adhoc'
        : size === 'key' || size === 'large'
          ? random.pick(['weekly', 'fortnightly', 'fortnightly', 'monthly', 'monthly'] as const)
          : random.pick(['weekly', 'fortnightly', 'monthly', 'adhoc', 'adhoc'] as const);
    // Businesses withhold on works contracts (s.194C) and technical services (s.194J); on goods only
    // the big companies whose purchases cross the s.194Q threshold.
    const tds = {
      goods: b.entity === 'company' && (size === 'key' || size === 'large') ? 10 : 0,
      svc194C: b.entity === 'proprietor' ? 100 : 200,
      svc194J: 1000,
    };
    models.push({
      index: 0,
      plan: {
        key: code,
        collector: collectorKey(city.collector),
        terms: termsKey,
        input: {
          code,
          name: b.name,
          kind: 'b2b',
          gstin,
          state_code: city.state,
          city: city.name,
          address: addressIn(random, city),
          region: city.region,
          country: 'IN',
          credit_limit: rule.limit
            ? rupees(roundTo(random.int(rule.limit[0], rule.limit[1]), rule.limit[2]))
            : null,
          risk_class: PROFILES[profile].risk,
          language: city.language,
          tags: [],
          notes: null,
          contacts,
        },
        traits: { size, profile, cadence, segment: b.segment },
      },
      b2c: false,
      entity: b.entity,
      city,
      segment: b.segment,
      size,
      profile,
      cadence,
      termsKey,
      terms: TERMS_RULE[termsKey],
      supply: supplyTypeOf(supplierState, city.state),
      start: customerStart,
      lastInvoice: stopDate ? addDays(stopDate, random.int(20, 45)) : today,
      stopDate,
      invoicesPerMonth: rule.perMonth * volume,
      value: rule.value,
      priceFactor: random.int(rule.price[0], rule.price[1]),
      tradeDiscount:
        b.segment === 'dealer' || b.segment === 'panel' || b.segment === 'contractor'
          ? random.pick([0, 5, 8, 10, 12])
          : 0,
      tds,
      payer: payerOf(random, b.name, false, contacts[0]?.phone),
      prefersCheque: false,
      bounces: 0,
      bounceFrom: null,
      bankCharges: city.state !== supplierState && random.chance(0.5),
      rounds: random.chance(0.12),
      advances: (b.segment === 'solar' || b.segment === 'hvac') && random.chance(0.7),
      noAdvice: false,
      bank: random.chance(0.7) ? 'hdfc' : 'sbi',
    });
  });

  for (const h of households) {
    const city = CITIES[h.city]!;
    const seq = (codeSeq.get('RTL') ?? 0) + 1;
    codeSeq.set('RTL', seq);
    const code = `RTL-${String(seq).padStart(3, '0')}`;
    const rooftop = h.segment === 'rooftop';
    const profile: Profile = random.weighted([
      ['prompt', 7],
      ['regular', 2],
      ['slow', 1.5],
    ] as const);
    const contacts = householdContact(random, h.name, city);
    const termsKey: TermsKey = rooftop ? 'INST-30-30-40' : 'ON-RECEIPT';
    models.push({
      index: 0,
      plan: {
        key: code,
        collector: collectorKey(city.collector),
        terms: termsKey,
        input: {
          code,
          name: h.name,
          kind: 'b2c',
          gstin: null,
          state_code: city.state,
          city: city.name,
          address: `${random.int(2, 480)}, ${random.pick(['Shanti Nagar', 'Sardar Patel Society', 'Gokul Residency', 'Shivalik Apartments', 'Green Park', 'Ram Nagar'])}, ${city.name}`,
          region: city.region,
          country: 'IN',
          credit_limit: rooftop ? '300000.00' : null,
          risk_class: PROFILES[profile].risk,
          language: city.language,
          tags: [],
          notes: null,
          contacts,
        },
        traits: { size: 'retail', profile, cadence: 'adhoc', segment: h.segment },
      },
      b2c: true,
      entity: null,
      city,
      segment: h.segment,
      size: 'retail',
      profile,
      cadence: 'adhoc',
      termsKey,
      terms: TERMS_RULE[termsKey],
      supply: supplyTypeOf(supplierState, city.state),
      start: addDays(start, random.int(0, window - 30)),
      lastInvoice: today,
      stopDate: null,
      invoicesPerMonth: rooftop ? 0.15 : 0.35,
      value: rooftop ? [120_000, 350_000] : SIZE_RULES.retail.value,
      priceFactor: random.int(SIZE_RULES.retail.price[0], SIZE_RULES.retail.price[1]),
      tradeDiscount: 0,
      tds: { goods: 0, svc194C: 0, svc194J: 0 },
      payer: payerOf(random, h.name, true, contacts[0]?.phone),
      prefersCheque: false,
      bounces: 0,
      bounceFrom: null,
      bankCharges: false,
      rounds: random.chance(0.2),
      advances: rooftop && random.chance(0.5),
      noAdvice: false,
      bank: 'hdfc',
    });
  }

  assignQuirks(random, models, start, today);
  models.forEach((m, i) => {
    m.index = i;
    m.plan.input.tags = tagsOf(m);
    m.plan.input.notes = notesOf(m);
  });
  return models;
}

/** Cheque payers (some of whose cheques bounce) and customers who pay without saying what for. */
function assignQuirks(random: Random, models: CustomerModel[], start: string, today: string) {
  const b2b = models.filter((m) => !m.b2c);
  const bounceable = b2b.filter(
    (m) =>
      (m.profile === 'regular' || m.profile === 'slow' || m.profile === 'chronic') &&
      m.size !== 'small' &&
      m.termsKey !== 'INST-30-30-40',
  );
  const window = daysBetween(start, today);
  random.sample(bounceable, 5).forEach((m, i) => {
    m.prefersCheque = true;
    m.bounces = i === 0 ? 2 : 1;
    m.bounceFrom = addDays(start, random.int(Math.min(90, window - 90), Math.max(90, window - 80)));
    m.rounds = false;
  });
  for (const m of random.sample(
    b2b.filter((m) => !m.prefersCheque && m.profile !== 'discount'),
    8,
  ))
    m.prefersCheque = true;
  for (const m of random.sample(
    b2b.filter((m) => m.profile === 'regular' || m.profile === 'prompt'),
    4,
  ))
    m.noAdvice = true;
}

function tagsOf(m: CustomerModel): string[] {
  const tags = [SEGMENT_TAG[m.segment]];
  if (m.size === 'key') tags.push('key-account');
  if (m.b2c && m.segment === 'rooftop') tags.push('pm-surya-ghar');
  if (m.tds.goods) tags.push('tds-194q');
  if (
    m.tds.svc194C &&
    (m.segment === 'industrial' ||
      m.segment === 'panel' ||
      m.segment === 'contractor' ||
      m.segment === 'solar')
  )
    tags.push('tds-194c');
  if (m.tds.svc194J && m.segment === 'industrial') tags.push('tds-194j');
  if (m.prefersCheque) tags.push('cheque-payer');
  if (m.profile === 'discount') tags.push('early-payer');
  if (m.profile === 'stopped') tags.push('on-hold');
  if (m.entity === 'proprietor' || (m.entity === 'firm' && m.size !== 'key')) tags.push('msme');
  if (m.supply === 'inter') tags.push('interstate');
  return tags;
}

function notesOf(m: CustomerModel): string | null {
  const notes: string[] = [];
  if (m.profile === 'stopped')
    notes.push(
      `Supplies on hold since ${m.lastInvoice}; payments stopped from ${m.stopDate}. Legal notice under consideration.`,
    );
  if (m.profile === 'chronic')
    notes.push(
      'Pays in part and late, usually after several follow-ups; asks for a ledger confirmation before each payment.',
    );
  if (m.profile === 'discount') notes.push('Takes the 2% cash discount; pays within 10 days of invoice.');
  if (m.prefersCheque) notes.push('Pays by cheque; cheques collected from the accounts office on Saturdays.');
  if (m.size === 'key') notes.push('Key account: speak to the AR manager before putting supplies on hold.');
  if (m.tds.svc194C === 100)
    notes.push('Deducts TDS u/s 194C at 1% on works invoices; reconcile with Form 26AS.');
  if (m.noAdvice) notes.push('Often pays without a remittance advice; match by amount.');
  return notes.length ? notes.join(' ') : null;
}
