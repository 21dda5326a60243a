export { AnnotationSnippet, annotationSnippet } from './AnnotationSnippet';
export { ConfigurationProblems } from './ConfigurationProblems';
export {
  SimulatedDataBanner,
  SimulatedDataNotice,
} from './SimulatedDataBanner';
export { StatusPagesBanner } from './StatusPagesNotice';
