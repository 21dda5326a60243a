/**
 * The catalog module of the status layer: PagerDuty services mapped to
 * entities in the portal become entity annotations, without editing YAML.
 *
 * @packageDocumentation
 */

export { catalogModuleStatusServiceMappings as default } from './module';
export { StatusServiceMappingProcessor } from './StatusServiceMappingProcessor';
export { StatusServiceMappings } from './StatusServiceMappings';
export type { AppliedMapping } from './StatusServiceMappings';
