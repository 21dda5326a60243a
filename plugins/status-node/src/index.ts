/**
 * Extension points of the status backend plugin, for backend modules that add
 * signal sources (monitoring tools) to it.
 *
 * @remarks
 * Nothing is exported yet; the alert-source extension point lands here so that
 * modules depend on this small package rather than on the backend plugin.
 *
 * @packageDocumentation
 */

export {};
