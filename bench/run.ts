// `npm run bench`: builds the bench namespaces on the sandbox daemon (reused when already there), measures
// every scenario side by side and prints target vs measured, plus JSON (also written to bench/results.json).
//   node dist/bench/run.js [--clean] [--repeats N]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/client/containerd.js';
import { Rpc } from '../src/client/rpc.js';
import { repoRoot } from '../test/daemon/support.js';
import { ensureSandbox, SANDBOX_ADDRESS } from '../test/helpers/sandbox.js';
import { measureRefresh, type RefreshResult } from './refresh.js';
import { cleanScenarios, ensureScenario, SCENARIOS, type Scenario } from './scenarios.js';
import { log } from './util.js';

interface ScenarioResult {
  scenario: Scenario;
  refresh: RefreshResult;
}

interface Row {
  label: string;
  target: string;
  /** measured text and whether it meets the target (null = no target) */
  cell: (r: ScenarioResult) => [string, boolean | null];
}

const ROWS: Row[] = [
  {
    label: 'refresh cycle / raw RPC',
    target: '≤ 1.3x',
    cell: ({ refresh: r }) => [`${r.ratio.toFixed(2)}x (${r.engineMs.toFixed(1)}/${r.rawMs.toFixed(1)} ms)`, r.ratio <= 1.3],
  },
];

function table(results: ScenarioResult[]): string {
  const header = ['metric', 'target', ...results.map((r) => r.scenario.namespace)];
  const lines = ROWS.map((row) => [
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
  const { values } = parseArgs({ options: { clean: { type: 'boolean' }, repeats: { type: 'string' } } });
  await ensureSandbox();
  if (values.clean) {
    await cleanScenarios();
    return;
  }
  const repeats = Number(values.repeats ?? 5);
  const rpc = new Rpc(SANDBOX_ADDRESS, 120_000);
  try {
    for (const scenario of SCENARIOS) log(`${scenario.namespace}: ${await ensureScenario(rpc, scenario)}`);
  } finally {
    rpc.close();
  }
  const client = await connect(SANDBOX_ADDRESS);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of SCENARIOS) {
      log(`${scenario.namespace}: refresh cycle`);
      results.push({ scenario, refresh: await measureRefresh(client, scenario.namespace, repeats) });
    }
  } finally {
    client.close();
  }
  const json = JSON.stringify({ date: new Date().toISOString(), address: SANDBOX_ADDRESS, repeats, results }, null, 2);
  writeFileSync(join(repoRoot(), 'bench', 'results.json'), json + '\n');
  process.stdout.write(`${table(results)}\n\n${json}\n`);
}

await main();
