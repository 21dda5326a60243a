export { AnnotationSnippet, annotationSnippet } from './AnnotationSnippet';
export { ConfigurationProblems } from './ConfigurationProblems';
export {
  SimulatedDataBanner,
  SimulatedDataNotice,
} from './SimulatedDataBanner';
