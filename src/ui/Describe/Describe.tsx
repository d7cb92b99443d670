// `d`: everything known about the row, wrapped to the width and scrollable.
import { useMemo } from 'react';
import { wrapLine } from '../../model/layout.js';
import { useAppState } from '../context.js';
import { ScrollView } from '../ScrollView/ScrollView.js';
import { useDescribeLines } from './useDescribeLines.js';
import { useImageDetail } from './useImageDetail.js';

export function Describe({ width, height }: { width: number; height: number }) {
  const ref = useAppState((s) => s.ui.overlay?.target ?? null);
  const base = useDescribeLines(ref);
  const detail = useImageDetail(ref);
  const lines = useMemo(
    () => [...base, ...detail].flatMap((line) => wrapLine(line, width)).map((text) => ({ text })),
    [base, detail, width],
  );
  return <ScrollView lines={lines} width={width} height={height} />;
}
