import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { StatusEngine } from '../engine/StatusEngine';

/**
 * The refs a signed-in user owns through: Backstage's user info (their
 * sign-in's ownership refs) when the app provides it, else the user and the
 * groups their catalog User entity is a member of.
 */
export async function callerOwnership(
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  engine: StatusEngine,
  userInfo?: UserInfoService,
): Promise<Set<string>> {
  const user = credentials.principal.userEntityRef;
  return new Set(
    userInfo
      ? (await userInfo.getUserInfo(credentials)).ownershipEntityRefs
      : [user, ...(engine.entity(user)?.memberOf ?? [])],
  );
}
