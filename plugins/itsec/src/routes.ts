import { createRouteRef } from '@backstage/core-plugin-api';

/** The ITSO portfolio page. @public */
export const rootRouteRef = createRouteRef({ id: 'itsec' });

/** The entity Security tab (legacy frontend system). @public */
export const entityContentRouteRef = createRouteRef({
  id: 'itsec:entity-content',
});
