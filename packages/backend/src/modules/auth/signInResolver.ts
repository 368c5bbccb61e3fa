import { NotFoundError } from '@backstage/errors';
import {
  AuthResolverContext,
  BackstageSignInResult,
  SignInInfo,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/**
 * Builds the portal's sign-in resolver for one provider: the signed-in
 * person is the User entity whose `spec.profile.email` is their e-mail
 * address, else the User entity named like their username at the provider.
 * Nobody without a User entity signs in: the portal's permissions come from
 * the User's groups and from role annotations naming the User.
 *
 * @param providerTitle - the provider's name in error messages, e.g. `Microsoft`
 * @param usernameOf - the person's username at the provider, if it has one
 */
export function emailThenUsernameSignInResolver<TResult>(
  providerTitle: string,
  usernameOf: (result: TResult) => string | undefined,
): SignInResolver<TResult> {
  return async (
    info: SignInInfo<TResult>,
    ctx: AuthResolverContext,
  ): Promise<BackstageSignInResult> => {
    const email = info.profile.email?.trim();
    if (email) {
      const byEmail = await signInIfFound(ctx, {
        filter: { 'spec.profile.email': email },
      });
      if (byEmail) return byEmail;
    }
    const username = usernameOf(info.result)?.trim();
    if (username) {
      const byName = await signInIfFound(ctx, {
        entityRef: { kind: 'User', name: username },
      });
      if (byName) return byName;
    }
    throw new NotFoundError(
      `No User entity in the catalog matches this ${providerTitle} sign-in ` +
        `(e-mail ${email ? `'${email}'` : 'not given'}, username ${
          username ? `'${username}'` : 'not given'
        }). Sign-in needs a User whose spec.profile.email is the e-mail ` +
        `address, or whose name is the username: ask the portal's ` +
        `administrators to add you to the organisation data.`,
    );
  };
}

async function signInIfFound(
  ctx: AuthResolverContext,
  query: Parameters<AuthResolverContext['signInWithCatalogUser']>[0],
): Promise<BackstageSignInResult | undefined> {
  try {
    return await ctx.signInWithCatalogUser(query);
  } catch (error) {
    if ((error as Error)?.name === 'NotFoundError') return undefined;
    throw error;
  }
}

/** The part of an e-mail address or UPN before the `@`. */
export function localPart(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.indexOf('@');
  return at > 0 ? address.slice(0, at) : address;
}
