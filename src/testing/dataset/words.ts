/** Word lists that make generated records look like a real company's CRM. */

/**
 * Given names.
 *
 * @example
 * rng.pick(FIRST_NAMES);
 */
export const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kaisa', 'Liam', 'Maja',
  'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tiina', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
  'Mart', 'Kadri', 'Priya', 'Tomás', 'Chloé', 'Björn', 'Ngozi', 'Hiro', 'Aleksander', 'Fatima',
] as const;

/**
 * Family names.
 *
 * @example
 * rng.pick(LAST_NAMES);
 */
export const LAST_NAMES = [
  'Tamm', 'Smith', 'García', 'Müller', 'Rossi', 'Novak', 'Kowalski', 'Nguyen', 'Okafor', 'Silva', 'Jensen',
  'Laine', 'Dubois', 'Kim', 'Petrov', 'Haddad', 'O’Brien', 'Sato', 'Van Dijk', 'Andersson', 'Mäkinen', 'Costa',
  'Fischer', 'Ivanova', 'Lopez', 'Brown', 'Saar', 'Patel', 'Chen', 'Walker',
] as const;

/**
 * First part of a company name.
 *
 * @example
 * rng.pick(COMPANY_STEMS);
 */
export const COMPANY_STEMS = [
  'Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Cyberdyne',
  'Soylent', 'Tyrell', 'Aperture', 'Blue Sun', 'Monarch', 'Gringotts', 'Oceanic', 'Wonka', 'Dunder', 'Pied Piper',
  'Nordic', 'Baltic', 'Alpine', 'Harbor', 'Summit', 'Evergreen', 'Silverline', 'Redwood', 'Lumen', 'Quantum',
] as const;

/**
 * Second part of a company name.
 *
 * @example
 * rng.pick(COMPANY_KINDS);
 */
export const COMPANY_KINDS = [
  'Logistics', 'Labs', 'Systems', 'Foods', 'Energy', 'Capital', 'Health', 'Retail', 'Media', 'Robotics',
  'Consulting', 'Analytics', 'Motors', 'Textiles', 'Software', 'Pharma', 'Travel', 'Studios', 'Holdings', 'Supply',
] as const;

/**
 * Legal suffixes.
 *
 * @example
 * rng.pick(COMPANY_SUFFIXES);
 */
export const COMPANY_SUFFIXES = ['Ltd', 'Inc.', 'GmbH', 'OÜ', 'AS', 'S.A.', 'BV', 'Oy', 'LLC', 'AB'] as const;

/**
 * What a deal is about.
 *
 * @example
 * rng.pick(DEAL_TOPICS);
 */
export const DEAL_TOPICS = [
  'annual licence', 'pilot project', 'renewal', 'upsell', 'onboarding package', 'support contract', 'expansion',
  'hardware refresh', 'consulting retainer', 'migration', 'enterprise plan', 'training', 'integration',
] as const;

/**
 * Products a company sells.
 *
 * @example
 * rng.pick(PRODUCT_NAMES);
 */
export const PRODUCT_NAMES = [
  'Starter plan', 'Team plan', 'Enterprise plan', 'Onboarding day', 'Premium support', 'API add-on', 'Data export',
  'Training seat', 'Hardware kit', 'Sensor pack', 'Gateway', 'Installation', 'Extended warranty', 'Consulting hour',
  'Analytics module', 'Storage 1 TB', 'SSO add-on', 'Mobile licence', 'Audit package', 'Custom report',
] as const;

/**
 * Product categories.
 *
 * @example
 * rng.pick(PRODUCT_CATEGORIES);
 */
export const PRODUCT_CATEGORIES = ['Software', 'Services', 'Hardware', 'Support', 'Training'] as const;

/**
 * Cities with their country and region, for addresses.
 *
 * @example
 * rng.pick(PLACES).locality;
 */
export const PLACES = [
  { locality: 'Tallinn', country: 'Estonia', admin1: 'Harju County', admin2: 'Tallinn', postal: '10111', tz: 'Europe/Tallinn', tzId: 127 },
  { locality: 'New York', country: 'United States', admin1: 'New York', admin2: 'New York County', postal: '10018', tz: 'America/New_York', tzId: 21 },
  { locality: 'London', country: 'United Kingdom', admin1: 'England', admin2: 'Greater London', postal: 'EC1A 1BB', tz: 'Europe/London', tzId: 116 },
  { locality: 'Berlin', country: 'Germany', admin1: 'Berlin', admin2: 'Berlin', postal: '10115', tz: 'Europe/Berlin', tzId: 102 },
  { locality: 'Lisbon', country: 'Portugal', admin1: 'Lisbon', admin2: 'Lisbon', postal: '1100-148', tz: 'Europe/Lisbon', tzId: 115 },
  { locality: 'São Paulo', country: 'Brazil', admin1: 'São Paulo', admin2: 'São Paulo', postal: '01310-100', tz: 'America/Sao_Paulo', tzId: 60 },
  { locality: 'Tokyo', country: 'Japan', admin1: 'Tokyo', admin2: 'Chiyoda', postal: '100-0001', tz: 'Asia/Tokyo', tzId: 87 },
  { locality: 'Lagos', country: 'Nigeria', admin1: 'Lagos', admin2: 'Ikeja', postal: '100001', tz: 'Africa/Lagos', tzId: 7 },
  { locality: 'Helsinki', country: 'Finland', admin1: 'Uusimaa', admin2: 'Helsinki', postal: '00100', tz: 'Europe/Helsinki', tzId: 110 },
  { locality: 'Sydney', country: 'Australia', admin1: 'New South Wales', admin2: 'Sydney', postal: '2000', tz: 'Australia/Sydney', tzId: 95 },
] as const;

/**
 * Street names.
 *
 * @example
 * rng.pick(STREETS);
 */
export const STREETS = ['Main St', 'Narva mnt', 'High Street', 'Friedrichstraße', 'Rua Augusta', 'Fifth Avenue', 'King Street', 'Mannerheimintie'] as const;

/**
 * Districts.
 *
 * @example
 * rng.pick(SUBLOCALITIES);
 */
export const SUBLOCALITIES = ['Downtown', 'Old Town', 'Harbour', 'Business District', 'Riverside'] as const;

/**
 * Sentences for notes and descriptions.
 *
 * @example
 * rng.pick(NOTE_SENTENCES);
 */
export const NOTE_SENTENCES = [
  'Called and left a voicemail.',
  'Sent the proposal, waiting for feedback.',
  'Decision maker is the CFO.',
  'Budget approved for next quarter.',
  'Asked for a discount on the annual plan.',
  'Demo went well; technical team impressed.',
  'Follow up after the holidays.',
  'Competitor offered a lower price.',
  'Needs SSO and audit logs.',
  'Contract under legal review.',
] as const;

/**
 * Lost reasons.
 *
 * @example
 * rng.pick(LOST_REASONS);
 */
export const LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget', 'No decision', 'Timing'] as const;

/**
 * Activity subjects by activity type key.
 *
 * @example
 * rng.pick(ACTIVITY_SUBJECTS);
 */
export const ACTIVITY_SUBJECTS = ['Intro call', 'Demo', 'Follow-up', 'Send proposal', 'Contract review', 'Lunch meeting', 'Check-in'] as const;

/**
 * File names.
 *
 * @example
 * rng.pick(FILE_NAMES);
 */
export const FILE_NAMES = ['proposal.pdf', 'contract_signed.pdf', 'pricing.xlsx', 'logo.png', 'meeting-notes.docx', 'requirements.pdf'] as const;

/**
 * Deal origins as the v2 API reports them.
 *
 * @example
 * rng.pick(ORIGINS);
 */
export const ORIGINS = ['ManuallyCreated', 'API', 'Import', 'WebForms', 'Prospector', 'LeadBooster'] as const;

/**
 * Currencies the generated account knows, most used first.
 *
 * @example
 * CURRENCY_LIST[0].code; // 'EUR'
 */
export const CURRENCY_LIST = [
  { code: 'EUR', name: 'Euro', symbol: '€', decimals: 2 },
  { code: 'USD', name: 'US Dollar', symbol: '$', decimals: 2 },
  { code: 'GBP', name: 'British Pound', symbol: '£', decimals: 2 },
  { code: 'SEK', name: 'Swedish Krona', symbol: 'kr', decimals: 2 },
  { code: 'JPY', name: 'Japanese Yen', symbol: '¥', decimals: 0 },
  { code: 'BRL', name: 'Brazilian Real', symbol: 'R$', decimals: 2 },
  { code: 'CHF', name: 'Swiss Franc', symbol: 'CHF', decimals: 2 },
  { code: 'NOK', name: 'Norwegian Krone', symbol: 'kr', decimals: 2 },
] as const;
