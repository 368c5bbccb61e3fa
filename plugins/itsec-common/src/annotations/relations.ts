import type { RoleId } from '../profile/types';

/**
 * A pair of catalog relation types: `forward` on the entity that names the
 * role holder, `reverse` on the User.
 *
 * @public
 */
export interface ItsecRelationPair {
  forward: string;
  reverse: string;
}

/**
 * The relation types the catalog module emits, one pair per role: e.g. a
 * System with `role-iao: jane.doe` gets `hasInformationAssetOwner` to
 * `user:default/jane.doe`, and the User gets `informationAssetOwnerOf` back.
 *
 * @public
 */
export const ITSEC_ROLE_RELATIONS: Readonly<Record<RoleId, ItsecRelationPair>> =
  Object.freeze({
    'business-siro': { forward: 'hasBusinessSiro', reverse: 'businessSiroOf' },
    iao: {
      forward: 'hasInformationAssetOwner',
      reverse: 'informationAssetOwnerOf',
    },
    'system-manager': {
      forward: 'hasSystemManager',
      reverse: 'systemManagerOf',
    },
    'service-provider': {
      forward: 'hasServiceProvider',
      reverse: 'serviceProviderOf',
    },
    accreditor: { forward: 'hasAccreditor', reverse: 'accreditorOf' },
    comso: { forward: 'hasComso', reverse: 'comsoOf' },
    'dr-lead': { forward: 'hasDrLead', reverse: 'drLeadOf' },
    'moj-siro': { forward: 'hasMojSiro', reverse: 'mojSiroOf' },
    itso: { forward: 'hasItso', reverse: 'itsoOf' },
  });

/**
 * A CodeOfConnection `connects` its MoJ system (and its counterparty when that
 * is a catalog entity); they are `connectedBy` it.
 *
 * @public
 */
export const RELATION_CONNECTS = 'connects';

/** @public */
export const RELATION_CONNECTED_BY = 'connectedBy';
