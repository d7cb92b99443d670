// The monitor end to end: the built CLI in a real pseudo-terminal (node-pty) against the sandbox daemon,
// its output parsed by a headless xterm. What a person sees and types: header, panes, commands with Tab,
// namespaces, k8s columns, filters, sorting, describe, the live detail graph, help, live updates without a
// key, hostile labels, a too-small terminal, and quitting with the terminal restored.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEMO_IMAGE, SANDBOX_ADDRESS, ctr, ensureImage, ensureSandbox, removeContainer, runContainer, sleep, uniqueId } from '../helpers/sandbox.js';
import { KEYS, firstColumn, lineWith, startCtop, tableRows, type TerminalSession } from '../helpers/terminal.js';

/** Our own containers live here, away from the seeded workloads. */
const NS = 'ctop-e2e';
/** first connection and first data: wide, a daemon restart by another suite costs a reconnect backoff */
const READY_MS = 30_000;

before(async () => {
  await ensureSandbox();
  await ensureImage(NS);
});

/** Starts the monitor and waits until it is connected and shows `ready` in the table. */
async function open(args: string[], ready: string | RegExp, size: { cols: number; rows: number } = { cols: 120, rows: 40 }) {
  const s = await startCtop(args, size);
  try {
    await s.waitFor((text) => text.includes('● connected') && (typeof ready === 'string' ? tableRows(text).some((r) => r.includes(ready)) : ready.test(text)), READY_MS);
  } catch (error) {
    await s.close();
    throw error;
  }
  return s;
}

/** Types a `:` command and Enter. */
async function command(s: TerminalSession, text: string): Promise<void> {
  await s.press(':');
  await s.type(text);
  await s.press(KEYS.enter);
}

/** Types a `/` filter and Enter. */
async function filter(s: TerminalSession, text: string): Promise<void> {
  await s.press('/');
  await s.type(text);
  await s.press(KEYS.enter);
}

/** The seeded containers of `default` (other suites may add their own there for a while: ignore those). */
const SEEDED_DEFAULT = ['cpu-quarter', 'created', 'exited', 'idle', 'mem-hog'];

/** NAME column, a name cut to its column (`cpu-quart…`) given back in full when it is a seeded one. */
function names(screen: string): string[] {
  return firstColumn(screen).map((n) => (n.endsWith('…') ? SEEDED_DEFAULT.find((full) => full.startsWith(n.slice(0, -1))) ?? n : n));
}

const seeded = (screen: string): string[] => names(screen).filter((n) => SEEDED_DEFAULT.includes(n));

/** Waits until the header's counts are what ctr says (read again on every try, since other suites run too). */
async function headerAgreesWithCtr(s: TerminalSession, namespace: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [containers, tasks, images] = await Promise.all([
      ctr(['containers', 'ls', '-q'], { namespace }),
      ctr(['tasks', 'ls'], { namespace }),
      ctr(['images', 'ls', '-q'], { namespace }),
    ]);
    const count = (out: string) => out.split('\n').filter((l) => l.trim()).length;
    const running = tasks.split('\n').filter((l) => / RUNNING\s*$/.test(l)).length;
    const want = `containers ${count(containers)} │ running ${running} │ images ${count(images)} │ ● connected`;
    const line = s.screen().split('\n')[1] ?? '';
    if (line.startsWith(want)) return line;
    if (Date.now() > deadline) throw new Error(`header ${JSON.stringify(line)}, ctr says ${JSON.stringify(want)}`);
    await sleep(250);
  }
}

const title = (screen: string): string => screen.split('\n').find((l) => /─ \S+\(.*\)/.test(l)) ?? '';

for (const size of [
  { cols: 120, rows: 40 },
  { cols: 80, rows: 24 },
]) {
  describe(`monitor at ${size.cols}x${size.rows}`, () => {
    it('shows the header (address, containerd version, counts, connection) and the seeded containers', async () => {
      const s = await open(['-n', 'default'], 'mem-hog', size);
      try {
        const screen = await s.waitFor((t) => /containerd \d+\.\d+/.test(t) && seeded(t).length === 5, READY_MS);
        const lines = screen.split('\n');
        assert.ok(lines[0]!.startsWith('ctop-ts │ ' + SANDBOX_ADDRESS), lines[0]);
        assert.match(lines[0]!, /containerd \d+\.\d+/);
        assert.match(lines[1]!, /^containers \d+ │ running \d+ │ images \d+ │ ● connected/);
        await headerAgreesWithCtr(s, 'default');
        assert.match(title(screen), /containers\(default\)\[\d+\] ↑name/);
        assert.match(lines[3]!, /^NAME\s+IMAGE\s+STATUS\s+PID\s+CPU%\s+MEM\s+PIDS/);
        const rows = tableRows(screen);
        // names may be cut to the column at 80 columns (cpu-quart…)
        assert.deepEqual(seeded(screen), SEEDED_DEFAULT, 'sorted by name');
        if (size.cols >= 120) assert.ok(firstColumn(screen).includes('cpu-quarter'), 'names in full at 120 columns');
        const status = (name: string) => rows.find((r) => r.startsWith(name))?.match(/ (running|created|stopped|paused) /)?.[1];
        assert.equal(status('idle'), 'running');
        assert.equal(status('mem-hog'), 'running');
        assert.equal(status('exited'), 'stopped');
        assert.equal(status('created'), 'created');
        assert.match(screen.split('\n').find((l) => l.startsWith('<'))!, /<enter>open <d>describe <\/>filter/);
        // metrics arrive: mem-hog holds 64 MiB of a 256 MiB limit
        await s.waitFor((t) => /mem-hog .* 6[4-9]M 2[5-7]%/.test(t), 15_000);
      } finally {
        await s.close();
      }
    });

    it('visits every pane with :ns :co :t :img :ev, aliases and Tab completion; Enter on a namespace drills in; 0 = all', async () => {
      const s = await open(['-n', 'default'], 'mem-hog', size);
      try {
        await command(s, 'ns');
        // the namespaces pane lists the namespaces not on screen ('…' counts until then)
        let screen = await s.waitFor((t) => /namespaces\(default\)/.test(title(t)) && /^build\s+2\s/m.test(t));
        assert.match(screen, /^NAME\s+CONTAINERS\s+RUNNING\s+IMAGES/m);
        for (const ns of ['build', 'default', 'k8s.io']) assert.ok(firstColumn(screen).includes(ns), `${ns} listed:\n${screen}`);
        assert.match(tableRows(screen).find((r) => r.startsWith('default '))!, /^default\s+\d+\s+\d+\s+1/);
        assert.match(tableRows(screen).find((r) => r.startsWith('build '))!, /^build\s+2\s+2\s+1/);

        // Enter on a namespace: its containers
        await filter(s, 'build');
        await s.waitFor((t) => firstColumn(t).join() === 'build');
        await s.press(KEYS.enter);
        screen = await s.waitFor((t) => /containers\(build\)/.test(title(t)) && firstColumn(t).length === 2);
        assert.deepEqual(firstColumn(screen), ['builder', 'demo-app']);
        assert.match(screen.split('\n')[0]!, /│ ns bui/); // 'ns bui…' at 80 columns

        // aliases, long and short, and Tab completion of the command word
        await command(s, 't');
        screen = await s.waitFor((t) => /tasks\(build\)/.test(title(t)));
        assert.match(screen, /^NAME\s+ID\s+PID\s+STATUS\s+EXIT/m);
        assert.ok(tableRows(screen).some((r) => /^builder\s+builder-1\s+\d+ running/.test(r)), screen);

        await command(s, 'img');
        screen = await s.waitFor((t) => /images\(build\)/.test(title(t)));
        assert.match(screen, /^NAME\s+DIGEST\s+SIZE\s+AGE/m);
        assert.ok(tableRows(screen).some((r) => r.startsWith(DEMO_IMAGE.slice(0, 20))), screen);

        await command(s, 'ev');
        await s.waitFor((t) => /events\(build\)/.test(title(t)));

        await command(s, 'co');
        await s.waitFor((t) => /containers\(build\)/.test(title(t)));

        // Tab: ":ta" → "task", ":ima" → "image", ":eve" → "event", ":namesp" → "namespace"
        for (const [typed, pane] of [
          ['ta', 'tasks'],
          ['ima', 'images'],
          ['eve', 'events'],
          ['cont', 'containers'],
          ['namesp', 'namespaces'],
        ] as const) {
          await s.press(':');
          await s.type(typed);
          await s.press(KEYS.tab);
          await s.waitFor((t) => new RegExp(`^:${pane.slice(0, -1)}\\b`, 'm').test(t));
          await s.press(KEYS.enter);
          await s.waitFor((t) => new RegExp(`${pane}\\(build\\)`).test(title(t)));
        }
        // Tab completes the namespace argument too: ":ns k" → ":ns k8s.io "
        await s.press(':');
        await s.type('co k8');
        await s.press(KEYS.tab);
        await s.waitFor(/^:co k8s\.io/m);
        await s.press(KEYS.enter);
        screen = await s.waitFor((t) => /containers\(k8s\.io\)/.test(title(t)));

        // 0: all namespaces
        await s.press('0');
        screen = await s.waitFor((t) => /containers\(all\)/.test(title(t)));
        assert.match(screen.split('\n')[0]!, /ns all/);
        // the pod columns only where they fit
        assert.match(screen, size.cols >= 120 ? /^NAMESPACE\s+NAME\s+POD\s+POD-NS/m : /^NAMESPACE\s+NAME\s/m);
        await filter(s, 'demo-app');
        screen = await s.waitFor((t) => tableRows(t).length === 1);
        assert.match(tableRows(screen)[0]!, /^build\s+demo-app\s/);
      } finally {
        await s.close();
      }
    });
  });
}

describe('monitor at 120x40', () => {
  it('-n k8s.io: pod and pod-ns columns, the container name, the pause sandbox only after Ctrl-S', async () => {
    const s = await open(['-n', 'k8s.io'], 'nginx');
    try {
      let screen = await s.waitFor((t) => firstColumn(t).length === 1);
      assert.match(screen, /^NAME\s+POD\s+POD-NS\s+IMAGE/m);
      assert.match(tableRows(screen)[0]!, /^nginx\s+web-7d9f8\s+shop\s+docker\.io/);
      assert.ok(!screen.includes('pause-web'), 'the sandbox is hidden by default');
      assert.match(screen.split('\n')[1]!, /^containers 1 │ running 1/);
      await s.press(KEYS.ctrlS);
      screen = await s.waitFor((t) => firstColumn(t).includes('pause-web'));
      assert.match(title(screen), /\+sandboxes/);
      assert.match(lineWith(screen, 'pause-web')!, /^pause-web\s+web-7d9f8\s+shop\s/);
      await s.press(KEYS.ctrlS);
      screen = await s.waitFor((t) => !firstColumn(t).includes('pause-web'));
      assert.deepEqual(firstColumn(screen), ['nginx']);
    } finally {
      await s.close();
    }
  });

  it('filters: /cpu, /!cpu, /-l app=demo; Esc clears', async () => {
    const s = await open(['-n', 'default'], 'mem-hog');
    try {
      await filter(s, 'cpu');
      let screen = await s.waitFor((t) => firstColumn(t).join() === 'cpu-quarter');
      assert.match(title(screen), /containers\(default\)\[1\/\d+\] <\/cpu>/);
      await s.press(KEYS.escape);
      await s.waitFor((t) => seeded(t).length === 5);
      await filter(s, '!cpu');
      screen = await s.waitFor((t) => /<\/!cpu>/.test(title(t)) && !names(t).includes('cpu-quarter'));
      assert.deepEqual(seeded(screen), ['created', 'exited', 'idle', 'mem-hog']);
      await s.press(KEYS.escape);
      screen = await s.waitFor((t) => seeded(t).length === 5);
      assert.doesNotMatch(title(screen), /</);

      await command(s, 'ns build');
      await s.waitFor((t) => /containers\(build\)/.test(title(t)) && firstColumn(t).length === 2);
      await filter(s, '-l app=demo');
      screen = await s.waitFor((t) => firstColumn(t).join() === 'demo-app');
      assert.match(title(screen), /\[1\/2\] <\/-l app=demo>/);
      await s.press(KEYS.escape);
      await s.waitFor((t) => firstColumn(t).join() === 'builder,demo-app');
    } finally {
      await s.close();
    }
  });

  it('sorts: C puts cpu-quarter on top, C again reverses, M puts mem-hog on top', async () => {
    const s = await open(['-n', 'default'], 'mem-hog');
    try {
      // CPU figures need two samples
      await s.waitFor((t) => /cpu-quarter .* (1\d|2\d|3\d)\.\d /.test(t), 15_000);
      await s.press('C');
      let screen = await s.waitFor((t) => /↓cpu/.test(title(t)));
      assert.equal(firstColumn(screen)[0], 'cpu-quarter', screen);
      await s.press('C');
      screen = await s.waitFor((t) => /↑cpu/.test(title(t)));
      const names = firstColumn(screen);
      assert.notEqual(names[0], 'cpu-quarter', screen);
      // reversed: the busiest running task comes after the idle ones
      assert.ok(names.indexOf('cpu-quarter') > names.indexOf('idle'), screen);
      assert.ok(names.indexOf('cpu-quarter') > names.indexOf('mem-hog'), screen);
      await s.press('M');
      screen = await s.waitFor((t) => /↓memory/.test(title(t)));
      assert.equal(firstColumn(screen)[0], 'mem-hog', screen);
      await s.press('N');
      screen = await s.waitFor((t) => /↑name/.test(title(t)));
      assert.deepEqual(seeded(screen), SEEDED_DEFAULT);
    } finally {
      await s.close();
    }
  });

  it('d describes a container: spec essentials, labels, and it scrolls', async () => {
    const s = await open(['-n', 'build'], 'demo-app', { cols: 80, rows: 24 });
    try {
      await filter(s, 'demo-app');
      await s.waitFor((t) => firstColumn(t).join() === 'demo-app');
      await s.press('d');
      let screen = await s.waitFor((t) => /describe\(demo-app\)/.test(title(t)) && /^Name:\s+demo-app/m.test(t));
      assert.match(screen, /^ID:\s+demo-app$/m);
      assert.match(screen, /^Namespace:\s+build$/m);
      assert.match(screen, new RegExp(`^Image:\\s+${DEMO_IMAGE.replace(/\./g, '\\.')}$`, 'm'));
      assert.match(screen, /^Runtime:\s+io\.containerd\.runc\.v2$/m);
      assert.match(screen, /^ {2}Status:\s+running$/m);
      assert.doesNotMatch(screen, /^Annotations:/m, 'the end is below the view');
      // scroll: a page down, then to the end
      await s.press(KEYS.pageDown);
      screen = await s.waitFor((t) => !/^Name:/m.test(t));
      assert.match(screen, /^Labels:\n( {2}\S+=.*\n)* {2}app=demo$/m);
      assert.match(screen, /^ {2}Args:\s+\["sleep","2147483647"\]$/m);
      await s.press('G');
      screen = await s.waitFor(/^Annotations:/m);
      await s.press('g');
      await s.waitFor(/^Name:\s+demo-app/m);
      await s.press(KEYS.escape);
      await s.waitFor((t) => /containers\(build\)/.test(title(t)) && firstColumn(t).join() === 'demo-app');
    } finally {
      await s.close();
    }
  });

  it('Enter on a task opens the live detail view; its CPU graph grows', async () => {
    const s = await open(['-n', 'default'], 'cpu-quarter');
    try {
      await command(s, 't');
      await s.waitFor((t) => /tasks\(default\)/.test(title(t)));
      await filter(s, 'cpu-q');
      await s.waitFor((t) => firstColumn(t).join() === 'cpu-quarter');
      await s.press(KEYS.enter);
      let screen = await s.waitFor((t) => /detail\(cpu-quarter\)/.test(title(t)) && /^CPU /m.test(t));
      assert.match(screen, /^cpu-quarter\s+cpu-quarter\s+running\s+pid \d+/m);
      assert.match(screen, /^MEM /m);
      assert.match(screen, /^PIDS 1/m);
      // the CPU graph: braille cells between the CPU and MEM headings; dots other than blank (U+2800) are the plot
      const plotted = (text: string): number => {
        const lines = text.split('\n');
        const graph = lines.slice(lines.findIndex((l) => l.startsWith('CPU ')), lines.findIndex((l) => l.startsWith('MEM ')));
        return graph.join('').match(/[\u2801-\u28ff]/g)?.length ?? 0;
      };
      screen = await s.waitFor((t) => plotted(t) > 0, 15_000);
      const first = plotted(screen);
      screen = await s.waitFor((t) => plotted(t) > first, 15_000);
      const second = plotted(screen);
      screen = await s.waitFor((t) => plotted(t) > second, 15_000);
      assert.ok(plotted(screen) > first);
      // about a quarter of a core
      assert.match(screen, /^CPU\s+(1\d|2\d|3\d)\.\d%/m);
      await s.press('q');
      await s.waitFor((t) => /tasks\(default\)/.test(title(t)));
    } finally {
      await s.close();
    }
  });

  it('? lists the keys of the pane', async () => {
    const s = await open(['-n', 'default'], 'mem-hog');
    try {
      await s.press('?');
      const screen = await s.waitFor((t) => /help\(containers\)/.test(title(t)));
      for (const [keys, words] of [
        ['ctrl-k', 'kill the task'],
        ['ctrl-d', 'delete'],
        ['s', 'shell into the container'],
        ['p', 'pause / resume'],
        ['C', 'sort by CPU'],
        ['/', 'filter'],
        ['ctrl-s', 'pause sandboxes'],
        [':', 'command'],
      ]) {
        assert.ok(screen.split('\n').some((l) => l.trimStart().startsWith(keys + ' ') && l.includes(words)), `${keys} ${words}:\n${screen}`);
      }
      assert.match(screen, /describe, detail and help views/);
      await s.press(KEYS.escape);
      await s.waitFor((t) => /containers\(default\)/.test(title(t)));
    } finally {
      await s.close();
    }
  });

  it('a container created with ctr appears without a key, and goes when removed', async () => {
    const id = uniqueId('e2e-live');
    const s = await open(['-n', NS], /containers\(ctop-e2e\)/);
    try {
      const before = await s.waitFor((t) => /● connected/.test(t));
      assert.ok(!before.includes(id));
      const bytes = s.bytesWritten();
      const started = Date.now();
      await runContainer(NS, id, ['sleep', '2147483647']);
      await s.waitFor((t) => tableRows(t).some((r) => r.startsWith(id) && / running /.test(r)), 15_000);
      console.log(`${id} on screen ${Date.now() - started} ms after \`ctr run -d\` was started (no key pressed)`);
      assert.ok(s.bytesWritten() > bytes);
      await removeContainer(NS, id);
      await s.waitFor((t) => !t.includes(id), 15_000);
    } finally {
      await s.close();
      await removeContainer(NS, id).catch(() => undefined);
    }
  });

  it('hostile labels are shown escaped and never reach the terminal as sequences', async () => {
    const id = uniqueId('e2e-hostile');
    const evil = '\x1b]0;pwned\x07\x1b[31mred\x1b[2J\x9b31m';
    await runContainer(NS, id, ['sleep', '2147483647'], ['--label', `nerdctl/name=n${evil}`, '--label', `evil=${evil}`]);
    const s = await open(['-n', NS], /\^\[/);
    try {
      let screen = await s.waitFor((t) => tableRows(t).some((r) => r.startsWith('n^[]0;pwned^G')), 15_000);
      await filter(s, 'pwned');
      await s.waitFor((t) => tableRows(t).length === 1);
      await s.press('d');
      screen = await s.waitFor(/^Labels:/m);
      assert.ok(screen.split('\n').some((l) => l.startsWith('  evil=^[]0;pwned^G^[[31mred^[[2J')), screen);
      assert.match(screen, new RegExp(`^ID:\\s+${id}$`, 'm'));
      await command(s, 'q');
      assert.equal((await s.exited).exitCode, 0);
      const raw = s.rawOutput();
      assert.ok(!raw.includes('\x1b]'), 'no OSC');
      assert.ok(!raw.includes('\x07'), 'no BEL');
      assert.ok(!/[\x80-\x9f]/.test(raw), 'no C1 controls');
      assert.ok(!raw.includes('\x1b[31mred'), 'no SGR from the label');
      assert.ok(!raw.includes('red\x1b[2J'), 'no erase from the label');
      // every escape sequence is one the renderer itself uses
      const foreign = raw.split('\x1b').slice(1).filter((rest) => !/^\[(\?\d+[hl]|[\d;]*[mAEGKJH])/.test(rest));
      assert.deepEqual(foreign.map((f) => JSON.stringify(f.slice(0, 12))), []);
    } finally {
      await s.close();
      await removeContainer(NS, id).catch(() => undefined);
    }
  });

  it('an unknown --theme is a usage error, told on the normal screen before connecting (exit 2)', async () => {
    // the socket does not exist: a connection attempt would fail differently
    const s = await startCtop(['-a', '/nonexistent/containerd.sock', '--theme', 'solarized']);
    try {
      assert.equal((await s.exited).exitCode, 2);
      const raw = s.rawOutput();
      assert.match(raw, /ctop-ts: unknown theme "solarized" \(built in: default, light, mono/);
      assert.match(raw, /Try ctop-ts --help/);
      assert.doesNotMatch(raw, /unexpected|\x1b\[\?1049h/);
    } finally {
      await s.close();
    }
  });

  it('a terminal too small says so and recovers when resized', async () => {
    const s = await startCtop(['-n', 'default'], { cols: 40, rows: 10 });
    try {
      let screen = await s.waitFor(/terminal too small/, READY_MS);
      assert.match(screen, /40x10, need 60x12/);
      s.resize(120, 40);
      screen = await s.waitFor((t) => firstColumn(t).includes('mem-hog'), READY_MS);
      assert.doesNotMatch(screen, /too small/);
      assert.match(screen.split('\n')[0]!, /^ctop-ts │ /);
      s.resize(59, 30);
      await s.waitFor(/59x30, need 60x12/);
      s.resize(80, 24);
      screen = await s.waitFor((t) => firstColumn(t).includes('mem-hog'));
      assert.equal(screen.split('\n').length, 24);
      // keys still work after all this
      await command(s, 'ns');
      await s.waitFor((t) => /namespaces\(default\)/.test(title(t)));
    } finally {
      await s.close();
    }
  });

  it('narrowing the terminal redraws every row at the new width (no stale line, one footer)', async () => {
    const s = await startCtop(['-n', 'default'], { cols: 120, rows: 30 });
    try {
      await s.waitFor((t) => firstColumn(t).includes('mem-hog') && t.includes('● connected'), READY_MS);
      s.resize(70, 30);
      // wait for the new width's frame (the footer cut to 70 columns), then let anything late arrive
      await s.waitFor(/<s>shel…/);
      await sleep(500);
      await s.flush();
      const lines = s.screen().split('\n');
      assert.match(lines[1]!, /^containers 5 │ running \d │/, lines.join('\n'));
      assert.equal(lines.filter((l) => l.includes('<enter>open')).length, 1, lines.join('\n'));
      assert.ok(lines.every((l) => !l.includes('<p>pause')), lines.join('\n'));
      assert.equal(lines.length, 30);
    } finally {
      await s.close();
    }
  });

  it(':q exits 0 and restores the terminal (alternate screen off, cursor visible, stty unchanged)', async () => {
    const s = await startCtop(['-n', 'default'], { wrapInShell: true });
    try {
      await s.waitFor((t) => firstColumn(t).includes('mem-hog') && t.includes('● connected'), READY_MS);
      assert.deepEqual(s.terminalState(), { alternateScreen: true, cursorVisible: false });
      await command(s, 'q');
      const exit = await s.exited;
      assert.equal(exit.exitCode, 0);
      assert.deepEqual(s.terminalState(), { alternateScreen: false, cursorVisible: true });
      const stty = s.stty();
      assert.ok(stty.before && stty.before.length > 10, JSON.stringify(stty));
      assert.equal(stty.after, stty.before);
    } finally {
      await s.close();
    }
  });

  it('Ctrl-C quits as well, at 80x24, restoring the terminal', async () => {
    const s = await startCtop(['-n', 'default'], { cols: 80, rows: 24, wrapInShell: true });
    try {
      await s.waitFor((t) => seeded(t).length === 5, READY_MS);
      await s.press(KEYS.ctrlC);
      assert.equal((await s.exited).exitCode, 0);
      assert.deepEqual(s.terminalState(), { alternateScreen: false, cursorVisible: true });
      assert.equal(s.stty().after, s.stty().before);
    } finally {
      await s.close();
    }
  });

  it('idle output at 120x40 (measured, not asserted)', async () => {
    const s = await open(['-n', 'default'], 'mem-hog');
    try {
      await s.waitFor((t) => /cpu-quarter .* \d+\.\d /.test(t), 15_000);
      await sleep(1500);
      const bytes = s.bytesWritten();
      const t0 = performance.now();
      await sleep(5000);
      const seconds = (performance.now() - t0) / 1000;
      const rate = (s.bytesWritten() - bytes) / seconds;
      console.log(`idle at 120x40, -n default (5 containers): ${Math.round(rate)} bytes/s over ${seconds.toFixed(1)} s`);
      assert.ok(s.screen().includes('● connected'));
    } finally {
      await s.close();
    }
  });
});
