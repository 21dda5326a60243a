export { ReportProblemButton, ReportProblemDialog } from './ReportProblem';
