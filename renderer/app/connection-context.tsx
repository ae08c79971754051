// The connection the screens work on: picked in the header, remembered for the session.
import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Connection } from '../../shared/schemas/connection';
import { useMlcQuery } from '../api/hooks';

interface Ctx {
  connections: Connection[];
  current: Connection | null;
  select(id: string): void;
  loading: boolean;
  error: unknown;
}

const ConnectionContext = createContext<Ctx | null>(null);

export function ConnectionProvider({ children }: { children: ReactNode }) {
  const list = useMlcQuery('connections.list', {});
  const [selected, setSelected] = useState<string | null>(() => sessionStorage.getItem('mlc.connection'));
  const value = useMemo<Ctx>(() => {
    const connections = list.data ?? [];
    const current = connections.find((c) => c.id === selected) ?? connections[0] ?? null;
    return {
      connections,
      current,
      loading: list.isPending,
      error: list.error,
      select(id) {
        sessionStorage.setItem('mlc.connection', id);
        setSelected(id);
      },
    };
  }, [list.data, list.isPending, list.error, selected]);
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>;
}

export function useConnections(): Ctx {
  const ctx = useContext(ConnectionContext);
  if (!ctx) throw new Error('useConnections outside ConnectionProvider');
  return ctx;
}
