// React Query hooks keyed by contract method: queries are [method, input]; mutations invalidate by tags.
import type { QueryClient, UseQueryOptions } from '@tanstack/react-query';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import { methods } from '../../shared/contract/methods';
import { call } from './mlc';

type QueryOpts<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, Error>, 'queryKey' | 'queryFn'>;

export function useMlcQuery<M extends MethodName>(method: M, input: MethodInput<M>, opts: QueryOpts<M> = {}) {
  return useQuery<MethodOutput<M>, Error>({ queryKey: [method, input], queryFn: () => call(method, input), ...opts });
}

/** Invalidates every cached query whose method reads one of `tags`. */
export function invalidateTags(client: QueryClient, tags: readonly string[]): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => {
      const name = q.queryKey[0] as MethodName;
      const def = methods[name];
      return !!def && def.tags.some((t) => tags.includes(t));
    },
  });
}

export function useMlcMutation<M extends MethodName>(method: M) {
  const client = useQueryClient();
  return useMutation<MethodOutput<M>, Error, MethodInput<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: () => invalidateTags(client, methods[method].tags),
  });
}
