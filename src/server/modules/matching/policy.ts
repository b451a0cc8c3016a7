import type { Actor } from '../../auth/actor.ts';

const CONFIRMERS = new Set(['admin', 'city', 'district', 'street', 'building']);

/**
 * LST-3 a match is confirmed by staff who answer for the need's place — the building's
 * officers (楼宇专员) or the street, district or city — on top of the need's write scope.
 * Requesters may reject a proposal that does not fit them; they do not commit a provider.
 */
export function mayConfirmMatch(actor: Actor): boolean {
  return CONFIRMERS.has(actor.role);
}
