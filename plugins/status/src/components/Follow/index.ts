export { FollowButton } from './FollowButton';
export { FollowingCard } from './FollowingCard';
