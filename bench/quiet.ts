// While one scenario is measured, the daemon's other running tasks are paused (frozen in their cgroups):
// the other scenarios' live loops and the sandbox demo's busy loop together keep ~45 % of a core of this
// 2-core machine busy, load that belongs to no scenario and slows the monitor being measured. The
// measured namespace keeps its own workload. Everything paused is resumed afterwards, also on Ctrl-C.
// Only on the private sandbox daemon: another daemon (CTOP_TEST_ADDRESS) may run someone's workloads.
import { type Rpc } from '../src/client/rpc.js';
import { NamespacesService } from '../src/gen/services/namespaces/v1/namespace.js';
import { TasksService } from '../src/gen/services/tasks/v1/tasks.js';
import { Status } from '../src/gen/types/task/task.js';
import { USING_SANDBOX } from '../test/helpers/sandbox.js';
import { log } from './util.js';

/** Runs `measure` with every running task outside `namespace` paused; says how many were paused. */
export async function withOthersPaused<T>(rpc: Rpc, namespace: string, measure: () => Promise<T>): Promise<T> {
  if (!USING_SANDBOX) return measure();
  const paused: { namespace: string; id: string }[] = [];
  const resume = async () => {
    for (const t of paused.splice(0)) await rpc.unary(TasksService.resume, { containerId: t.id }, t.namespace).catch(() => undefined);
  };
  const onSignal = (signal: NodeJS.Signals) => void resume().finally(() => process.kill(process.pid, signal));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { namespaces } = await rpc.unary(NamespacesService.list, { filter: '' });
    for (const { name } of namespaces) {
      if (name === namespace) continue;
      const { tasks } = await rpc.unary(TasksService.list, { filter: '' }, name);
      for (const task of tasks.filter((t) => t.status === Status.RUNNING)) {
        // a task that ended since the list is simply not paused
        const done = await rpc.unary(TasksService.pause, { containerId: task.id }, name).then(() => true, () => false);
        if (done) paused.push({ namespace: name, id: task.id });
      }
    }
    log(`${namespace}: ${paused.length} running tasks in other namespaces paused while it is measured`);
    return await measure();
  } finally {
    await resume();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
