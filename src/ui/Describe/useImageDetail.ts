// Manifest and config of an image, read once through the injected loader when its describe view opens.
import { useEffect, useState } from 'react';
import { describeImageDetail } from '../../model/describe.js';
import { sanitize } from '../../model/sanitize.js';
import type { RowRef } from '../../store/ui.js';
import { useServices } from '../context.js';

export function useImageDetail(ref: RowRef | null): string[] {
  const { loaders } = useServices();
  const [lines, setLines] = useState<string[]>([]);
  const namespace = ref?.kind === 'image' ? ref.namespace : null;
  const name = ref?.kind === 'image' ? ref.id : null;
  useEffect(() => {
    if (namespace === null || name === null) return;
    let current = true;
    setLines(['', 'loading manifest and config…']);
    loaders.loadImageDetail(namespace, name).then(
      (detail) => current && setLines(describeImageDetail(detail)),
      (error: unknown) => current && setLines(['', `manifest and config unavailable: ${sanitize(String((error as Error)?.message ?? error))}`]),
    );
    return () => {
      current = false;
    };
  }, [loaders, namespace, name]);
  return lines;
}
