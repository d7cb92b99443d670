// The describe text of a row, recomputed only when the records it is about change.
import { useMemo } from 'react';
import {
  describeContainer,
  describeEvent,
  describeImage,
  describeNamespace,
} from '../../model/describe.js';
import { dedupeImages } from '../../model/scope.js';
import type { RowRef } from '../../store/ui.js';
import { useAppState, useServices } from '../context.js';

export function useDescribeLines(ref: RowRef | null): string[] {
  const { viewModel } = useServices();
  const isContainer = ref?.kind === 'container' || ref?.kind === 'task';
  const container = useAppState((s) => (ref && isContainer ? s.containers[ref.key] : undefined));
  const task = useAppState((s) => (ref && isContainer ? s.tasks[ref.key] : undefined));
  const figures = useAppState((s) => (ref && isContainer ? s.figures[ref.key] : undefined));
  const images = useAppState((s) => (ref?.kind === 'image' ? s.images : undefined));
  const namespace = useAppState((s) => (ref?.kind === 'namespace' ? s.namespaces[ref.id] : undefined));
  const event = useAppState(() => (ref?.kind === 'event' ? viewModel.eventOf(ref.key) : undefined));
  return useMemo(() => {
    if (container) return describeContainer(container, task, figures);
    if (namespace) return describeNamespace(namespace);
    if (event) return describeEvent(event);
    const entry = ref && images ? dedupeImages(images, ref.namespace).find((e) => e.image.name === ref.id) : undefined;
    if (entry) return describeImage(entry.image, entry.aliases);
    return ['(no longer known to containerd)'];
  }, [ref, container, task, figures, images, namespace, event]);
}
