// `npm run bench`: builds the bench namespaces on the sandbox daemon (reused when already there), measures
// every scenario side by side and prints target vs measured, plus JSON (also written to bench/results.json).
//   node dist/bench/run.js [--clean] [--repeats N] [--idle SECONDS] [--steady SECONDS]
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/client/containerd.js';
import { Rpc } from '../src/client/rpc.js';
import { CLI, repoRoot } from '../test/daemon/support.js';
import { ensureSandbox, SANDBOX_ADDRESS, sleep } from '../test/helpers/sandbox.js';
import { daemonPids } from './cpu.js';
import { withOthersPaused } from './quiet.js';
import { measureFirstSync, measureRefresh, type RefreshResult } from './refresh.js';
import { cleanScenarios, ensureScenario, SCENARIOS, type Scenario } from './scenarios.js';
import { COLUMNS, measureTerminal, ROWS, type TerminalResult } from './terminal.js';
import { log } from './util.js';

interface ScenarioResult {
  scenario: Scenario;
  refresh: RefreshResult;
  terminal: TerminalResult;
}

/** formatAge shows seconds below this age */
const AGE_IN_SECONDS_MS = 120_000;

interface Row {
  label: string;
  target: string;
  /** measured text and whether it meets the target (null = no target) */
  cell: (r: ScenarioResult) => [string, boolean | null];
}

const TABLE: Row[] = [
  {
    label: 'refresh cycle / raw RPC',
    target: '≤ 1.3x',
    cell: ({ refresh: r }) => [`${r.ratio.toFixed(2)}x (${r.engineMs.toFixed(1)}/${r.rawMs.toFixed(1)} ms)`, r.ratio <= 1.3],
  },
  {
    label: 'bytes per steady tick / full frame',
    target: '—',
    cell: ({ terminal: t }) => [
      t.idleFrames ? `${(t.tickBytes / t.fullFrameBytes).toFixed(2)} (${t.tickBytes}/${t.fullFrameBytes} B)` : `no frame while idle (full ${t.fullFrameBytes} B)`,
      null,
    ],
  },
  {
    label: `idle output at ${COLUMNS}x${ROWS}`,
    target: '< 1 KB/s',
    cell: ({ terminal: t }) => [`${t.idleBytesPerSecond.toFixed(0)} B/s (${t.idleFrames} frames)`, t.idleBytesPerSecond < 1024],
  },
  {
    label: 'CPU while idle (2-12 s after the first frame)',
    target: '< 1% of a core',
    cell: ({ terminal: t }) => cpuCell(t.cpuPercents),
  },
  {
    label: 'CPU while idle (32-62 s after start)',
    target: '< 1% of a core',
    cell: ({ terminal: t }) => cpuCell(t.steadyCpuPercents),
  },
  {
    // every task polled costs containerd and its shim far more CPU than the monitor (src/sync/engine.ts)
    label: 'containerd + shims CPU per monitor (32-62 s)',
    target: '—',
    cell: ({ terminal: { daemonCpuPercents: d } }) => [
      `${((d.twoMonitors - d.none) / 2).toFixed(1)}% (${d.twoMonitors.toFixed(1)}% with 2 monitors, ${d.none.toFixed(1)}% with none)`,
      null,
    ],
  },
  { label: 'RSS while idle', target: '—', cell: ({ terminal: t }) => [`${t.rssMiB.toFixed(0)} MiB`, null] },
  {
    label: 'first full frame',
    target: '< 400 ms',
    cell: ({ terminal: t }) => [`${t.firstFrameMs.toFixed(0)} ms (1st byte ${t.firstOutputMs.toFixed(0)})`, t.firstFrameMs < 400],
  },
  {
    label: 'first frame, empty compile cache',
    target: '—',
    cell: ({ terminal: t }) => [`${t.coldFirstFrameMs.toFixed(0)} ms`, null],
  },
  {
    // the first frame of a long list shows its first rows while the rest arrives (the count then ends in …)
    label: 'whole list on screen',
    target: '—',
    cell: ({ terminal: t }) => [`${t.wholeListMs.toFixed(0)} ms`, null],
  },
  {
    label: 'keypress (j/k) → frame',
    target: '< 30 ms',
    cell: ({ terminal: t }) => [`${t.keyMs.toFixed(1)} ms`, t.keyMs < 30],
  },
];

/** The mean of the monitors measured side by side, then each of them. */
function cpuCell(percents: number[]): [string, boolean] {
  const mean = percents.reduce((sum, p) => sum + p, 0) / percents.length;
  return [`${mean.toFixed(1)}% (${percents.map((p) => p.toFixed(2)).join(', ')})`, mean < 1];
}

function table(results: ScenarioResult[]): string {
  const header = ['metric', 'target', ...results.map((r) => r.scenario.namespace)];
  const lines = TABLE.map((row) => [
    row.label,
    row.target,
    ...results.map((r) => {
      const [text, ok] = row.cell(r);
      return ok === null ? text : `${text} ${ok ? '✓' : '✗'}`;
    }),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { clean: { type: 'boolean' }, repeats: { type: 'string' }, idle: { type: 'string' }, steady: { type: 'string' } },
  });
  await ensureSandbox();
  const rpc = new Rpc(SANDBOX_ADDRESS, 120_000);
  try {
    if (values.clean) return await cleanScenarios(rpc);
    let builtAt = 0;
    for (const scenario of SCENARIOS) {
      const outcome = await ensureScenario(rpc, scenario);
      log(`${scenario.namespace}: ${outcome}`);
      if (outcome === 'built') builtAt = Date.now();
    }
    return await measure(rpc, builtAt, values);
  } finally {
    rpc.close();
  }
}

/** Measures every scenario in turn, with the daemon's other running tasks paused meanwhile (see quiet.ts). */
async function measure(rpc: Rpc, builtAt: number, values: { repeats?: string; idle?: string; steady?: string }): Promise<void> {
  const repeats = Number(values.repeats ?? 5);
  const idleSeconds = Number(values.idle ?? 10);
  const steadySeconds = Number(values.steady ?? 30);
  // AGE counts seconds for two minutes: until then every row on screen changes on every tick
  const young = builtAt + AGE_IN_SECONDS_MS - Date.now();
  if (young > 0) {
    log(`waiting ${Math.ceil(young / 1000)} s until the new containers' AGE stops counting seconds`);
    await sleep(young);
  }
  const client = await connect(SANDBOX_ADDRESS);
  const results: ScenarioResult[] = [];
  let firstSync = { ms: NaN, containers: 0 };
  try {
    for (const scenario of SCENARIOS) {
      results.push(
        await withOthersPaused(rpc, scenario.namespace, async () => {
          if (scenario === SCENARIOS[0]) {
            log(`first sync of ${scenario.namespace}`);
            firstSync = await measureFirstSync(client, scenario.namespace, repeats);
          }
          log(`${scenario.namespace}: refresh cycle`);
          // at 50 containers a cycle is ~20 ms, where a single slow run moves a median of 5: take at least 15
          const refresh = await measureRefresh(client, scenario.namespace, Math.max(15, repeats));
          log(`${scenario.namespace}: terminal (${COLUMNS}x${ROWS})`);
          const terminal = await measureTerminal({
            command: [process.execPath, CLI, '-a', SANDBOX_ADDRESS, '-n', scenario.namespace],
            ready: 'app-00000',
            whole: `(${scenario.namespace})[${scenario.containers}]`,
            launches: Math.max(5, repeats),
            idleSeconds,
            steadySeconds,
            keypresses: 3 * repeats,
            daemonPids: () => daemonPids(SANDBOX_ADDRESS),
          });
          return { scenario, refresh, terminal };
        }),
      );
    }
  } finally {
    client.close();
  }
  // the machine's load average (1, 5, 15 min) at the end: other work on it skews every figure
  const json = JSON.stringify({ date: new Date().toISOString(), loadavg: loadavg(), repeats, idleSeconds, steadySeconds, firstSync, results }, null, 2);
  writeFileSync(join(repoRoot(), 'bench', 'results.json'), json + '\n');
  const load = loadavg().map((l) => l.toFixed(1)).join(', ');
  const notes = [
    `engine's first sync of ${SCENARIOS[0]!.namespace} (${firstSync.containers} containers) + one metrics poll: ${firstSync.ms.toFixed(0)} ms`,
    `load average ${load} on ${cpus().length} CPUs; the daemon's running tasks outside the measured namespace were paused during each measurement (bench/quiet.ts)`,
  ];
  process.stdout.write(`${table(results)}\n${notes.join('\n')}\n\n${json}\n`);
}

await main();
