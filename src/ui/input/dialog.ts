// Keys while a confirmation dialog is open: choose, toggle the option, confirm or cancel.
import type { Key } from 'ink';
import type { AppStore } from '../../store/store.js';
import { setUi } from './operations.js';

export function handleDialogKey(store: AppStore, input: string, key: Key): void {
  const dialog = store.getState().ui.dialog;
  if (!dialog) return;
  const count = dialog.choices.length;
  const choose = (delta: number) => {
    if (count > 0) setUi(store, { dialog: { ...dialog, choiceIndex: (dialog.choiceIndex + delta + count) % count } });
  };
  if (key.leftArrow || key.upArrow || input === 'h' || input === 'k') return choose(-1);
  if (key.rightArrow || key.downArrow || key.tab || input === 'l' || input === 'j') return choose(1);
  if (input === ' ' && dialog.option) {
    return setUi(store, { dialog: { ...dialog, option: { ...dialog.option, checked: !dialog.option.checked } } });
  }
  // the slot is cleared before the callback, so the callback may open another dialog
  if (key.return || input === 'y') {
    setUi(store, { dialog: null });
    return dialog.onConfirm({ choice: dialog.choices[dialog.choiceIndex]?.value ?? null, option: dialog.option?.checked ?? false });
  }
  if (key.escape || input === 'n' || (key.ctrl && input === 'c')) {
    setUi(store, { dialog: null });
    dialog.onCancel?.();
  }
}
