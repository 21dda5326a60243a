export { SimilarIncidentsCard } from './SimilarIncidentsCard';
