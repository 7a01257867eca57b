import Sqids from 'sqids';

/**
 * Global IDs: a type prefix and an opaque code for the row number (`crs_Vx3kq9`). The prefix
 * tells `node(id:)` which type to load; the code hides how many rows exist.
 */
export const ID_PREFIXES = {
  Provider: 'prv',
  Course: 'crs',
  Trainer: 'trn',
  Certification: 'crt',
  Completion: 'cmp',
  Petition: 'pet',
  CprAedCredential: 'cpr',
  DecisionLogEntry: 'dec',
  RecertificationApplication: 'app',
  Audit: 'aud',
  FeeScheduleEntry: 'fee',
  HandsOnWaiverPeriod: 'wvr',
  ApiKey: 'key',
  CompletionReport: 'rpt',
  WebhookEndpoint: 'whe',
  WebhookDelivery: 'whd',
  WebhookEvent: 'evt',
} as const;

export type NodeTypeName = keyof typeof ID_PREFIXES;

const sqids = new Sqids({
  alphabet: 'k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDdHoLajJxtZcNIRvrbfXhKM',
  minLength: 6,
});

const TYPE_BY_PREFIX = new Map<string, NodeTypeName>(
  Object.entries(ID_PREFIXES).map(([type, prefix]) => [prefix, type as NodeTypeName]),
);

/**
 * Encoding checks every code against a block list, which costs more than the rest of a field's
 * resolution: recent codes are kept (row numbers map to the same code whatever their type).
 */
const CODE_CACHE_SIZE = 50_000;
const codes = new Map<number, string>();

function codeOf(id: number): string {
  let code = codes.get(id);
  if (code === undefined) {
    code = sqids.encode([id]);
    if (codes.size >= CODE_CACHE_SIZE) codes.clear();
    codes.set(id, code);
  }
  return code;
}

export function toGlobalId(type: NodeTypeName, id: number): string {
  return `${ID_PREFIXES[type]}_${codeOf(id)}`;
}

/** The type and row number of a global ID, or null when it is not one we issued. */
export function parseGlobalId(globalId: string): { type: NodeTypeName; id: number } | null {
  if (typeof globalId !== 'string' || globalId.length > 40) return null;
  const sep = globalId.indexOf('_');
  const type = TYPE_BY_PREFIX.get(globalId.slice(0, sep));
  if (!type) return null;
  const code = globalId.slice(sep + 1);
  const numbers = sqids.decode(code);
  // Several codes decode to the same number; only the one we issue is accepted.
  if (numbers.length !== 1 || codeOf(numbers[0]) !== code) return null;
  const id = numbers[0];
  return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? { type, id } : null;
}

/** The row number of a global ID of the expected type, or null. */
export function fromGlobalId(type: NodeTypeName, globalId: string): number | null {
  const parsed = parseGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}
