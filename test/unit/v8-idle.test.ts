// The V8 settings of the idle monitor take effect when set at run time (V8 ignores some flags once the
// heap exists): here, that the young generation no longer grows under a load that grows it otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tuneModule = fileURLToPath(new URL('../../src/cli/v8-idle.js', import.meta.url));

/** The young generation's size (MB) after a child process kept 300,000 new objects alive. */
function youngGenerationAfterLoad(tuned: boolean): number {
  const script = `
    import v8 from 'node:v8';
    const { tuneV8ForIdle } = await import(${JSON.stringify(tuneModule)});
    if (${tuned}) tuneV8ForIdle();
    const kept = [];
    for (let i = 0; i < 300000; i++) kept.push({ i, text: 'row ' + i });
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(space.space_size / 1048576, kept.length);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(out.split(' ')[0]);
}

test('tuneV8ForIdle keeps the young generation from growing', () => {
  const grown = youngGenerationAfterLoad(false);
  const tuned = youngGenerationAfterLoad(true);
  assert.ok(grown >= 4 * tuned, `untuned ${grown} MB, tuned ${tuned} MB`);
  assert.ok(tuned <= 4, `tuned ${tuned} MB`);
});
