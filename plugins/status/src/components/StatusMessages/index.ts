export { AnnotationSnippet, annotationSnippet } from './AnnotationSnippet';
export { ConfigurationProblems } from './ConfigurationProblems';
