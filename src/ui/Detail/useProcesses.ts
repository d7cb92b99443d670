// The task's processes through the injected loader, re-read every few seconds while the view is open.
import { useEffect, useState } from 'react';
import type { ProcessInfo } from '../../client/types.js';
import { useServices } from '../context.js';

const REFRESH_MS = 5000;

export function useProcesses(namespace: string, containerId: string, hasTask: boolean): ProcessInfo[] | string | null {
  const { loaders } = useServices();
  const [processes, setProcesses] = useState<ProcessInfo[] | string | null>(null);
  useEffect(() => {
    if (!hasTask) {
      setProcesses([]);
      return;
    }
    let current = true;
    const load = () =>
      loaders.listPids(namespace, containerId).then(
        (list) => current && setProcesses(list),
        (error: unknown) => current && setProcesses(String((error as Error)?.message ?? error)),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [loaders, namespace, containerId, hasTask]);
  return processes;
}
