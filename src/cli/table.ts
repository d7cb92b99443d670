// Batch mode's plain table (like `top -b`): one line per container, every foreign string sanitised.
import { formatBytes, formatPercent } from '../model/format.js';
import { displayWidth, sanitize } from '../model/sanitize.js';
import type { SnapshotDoc } from './snapshot.js';

const HEADERS = ['NAMESPACE', 'NAME', 'IMAGE', 'STATUS', 'PID', 'CPU%', 'MEM', 'LIMIT', 'PIDS'];
const RIGHT_ALIGNED = new Set(['PID', 'CPU%', 'MEM', 'LIMIT', 'PIDS']);

export function renderTable(doc: SnapshotDoc): string {
  const rows: string[][] = [];
  for (const ns of doc.namespaces) {
    for (const c of ns.containers) {
      const t = c.task;
      rows.push([
        ns.name,
        c.name === c.id ? c.id : `${c.name} (${c.id})`,
        c.image,
        t ? (t.status === 'stopped' && t.exitStatus !== null ? `stopped(${t.exitStatus})` : t.status) : 'created',
        t && t.pid ? String(t.pid) : '-',
        formatPercent(t?.cpuPercent),
        formatBytes(t?.memoryBytes),
        formatBytes(t?.memoryLimitBytes),
        t?.pids === null || t?.pids === undefined ? '-' : String(t.pids),
      ].map(sanitize));
    }
  }
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return RIGHT_ALIGNED.has(HEADERS[i]!) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const header = `containerd ${sanitize(doc.server.version)} at ${sanitize(doc.address)}; CPU% 100 = one core`;
  return [header, line(HEADERS), ...rows.map(line)].join('\n') + '\n';
}
