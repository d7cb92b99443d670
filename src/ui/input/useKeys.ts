// The one place keys enter the UI. A dialog or a prompt takes every key while open; otherwise the
// binding table of the table or of the open view decides. Scrolling inside views is useScrollKeys'.
import { useInput } from 'ink';
import { useServices } from '../context.js';
import { handleDialogKey } from './dialog.js';
import { activeBindings } from './keymap.js';
import { eachKey } from './keys.js';
import { handlePromptKey } from './prompt.js';
import { setMessage } from '../../store/store.js';

export function useKeys(pageSize: number): void {
  const services = useServices();
  useInput(eachKey((input, key) => {
    const { ui } = services.store.getState();
    if (ui.dialog) return handleDialogKey(services.store, input, key);
    if (ui.prompt) return handlePromptKey(services, input, key);
    const binding = activeBindings(ui).find((b) => b.match(input, key));
    if (!binding) return;
    if (binding.mutating && ui.readonly) return setMessage(services.store, `read-only mode: ${binding.keys} is disabled`, 'error');
    binding.run({ services, pageSize });
  }));
}
