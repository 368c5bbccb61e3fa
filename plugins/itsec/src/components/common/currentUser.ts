import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user's entity ref, lowercase; undefined until known. */
export function useCurrentUserRef(): string | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.userEntityRef.toLocaleLowerCase('en-US');
  }, [identityApi]);
  return value;
}
