export { PublicLinksCard } from './PublicLinksCard';
