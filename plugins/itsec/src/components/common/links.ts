import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of an entity's Security tab. */
export function useEntitySecurityLink(): (entityRef: string) => string {
  const entityLink = useEntityRefLink();
  return useCallback(
    (entityRef: string) =>
      `${entityLink(entityRef).replace(/\/$/, '')}/security`,
    [entityLink],
  );
}
