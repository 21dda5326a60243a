import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The company-wide status page, `/status`.
 *
 * @public
 */
export const rootRouteRef = createRouteRef();
