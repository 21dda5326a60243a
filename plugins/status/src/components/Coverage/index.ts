export { CoverageTab } from './CoverageTab';
export { useCoverageWords } from './useCoverageWords';
