/**
 * The status backend plugin.
 *
 * @packageDocumentation
 */

export { statusPlugin as default } from './plugin';
export type { StatusStore } from './database';
