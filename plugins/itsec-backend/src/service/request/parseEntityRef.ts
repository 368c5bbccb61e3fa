import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

function lower(v: string): string {
  return v.toLocaleLowerCase('en-US');
}

/**
 * A full entity ref given in a body or query field, lower-cased as the store
 * keeps refs; a value that is not one is a 400 naming the field.
 */
export function parseEntityRefField(value: string, field: string): string {
  try {
    return lower(stringifyEntityRef(parseEntityRef(value)));
  } catch {
    throw new InputError(
      `${field}: '${value}' is not an entity ref such as component:default/payments`,
    );
  }
}

/** The entity ref of an `/entities/{kind}/{namespace}/{name}/…` path. */
export function parseEntityPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return lower(stringifyEntityRef(params));
}
