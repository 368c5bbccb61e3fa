import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { itsecApiRef } from '../../api';

/** The policy catalogue from the backend (cached by the client). */
export function usePolicy() {
  const api = useApi(itsecApiRef);
  return useAsync(() => api.getPolicy(), [api]);
}
