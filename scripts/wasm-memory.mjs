// Reads and rewrites the initial size of a WebAssembly module's own memory (its memory section), for the
// bundle's edit of Yoga (scripts/bundle.mjs) and the test that checks that edit (test/unit/bundle-edits).
// Only what that needs: one memory, defined (not imported) by the module, with a maximum.

export const PAGE_BYTES = 65536;

/**
 * The WebAssembly a script embeds as its one base64 data: URL (as emscripten's single-file builds do): its
 * bytes, and the script with other bytes in their place.
 */
export function embeddedWasm(code) {
  const urls = [...code.matchAll(/data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/g)];
  if (urls.length !== 1) throw new Error(`expected one WebAssembly data: URL, found ${urls.length}`);
  const [url, base64] = urls[0];
  const start = urls[0].index + url.length - base64.length;
  return {
    bytes: Buffer.from(base64, 'base64'),
    replaced: (bytes) => code.slice(0, start) + bytes.toString('base64') + code.slice(start + base64.length),
  };
}

/** An unsigned LEB128 number at `at`: its value and the offset after it. */
function readUnsigned(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return { value, end: at };
  }
}

/** The sections of a module: id, and where each one's contents start and end. */
function* sections(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a WebAssembly module');
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const { value: size, end: start } = readUnsigned(bytes, at + 1);
    yield { id, start, end: start + size };
    at = start + size;
  }
}

const MEMORY_SECTION = 5;
const DATA_SECTION = 11;
const I32_CONST = 0x41;
const END = 0x0b;

/**
 * The module's memory: its initial and maximum size in pages, where its initial size is written, and the
 * end of its highest active data segment (in bytes; the memory must start at least that large).
 */
export function memoryOf(bytes) {
  let memory = null;
  let dataEnd = 0;
  for (const { id, start } of sections(bytes)) {
    if (id === MEMORY_SECTION) {
      const { value: count, end: flagsAt } = readUnsigned(bytes, start);
      if (count !== 1) throw new Error(`${count} memories; expected one`);
      const hasMaximum = (bytes[flagsAt] & 1) === 1;
      const initial = readUnsigned(bytes, flagsAt + 1);
      const maximum = hasMaximum ? readUnsigned(bytes, initial.end).value : null;
      memory = { initial: initial.value, maximum, initialAt: flagsAt + 1, initialLength: initial.end - flagsAt - 1 };
    } else if (id === DATA_SECTION) {
      let { value: count, end: at } = readUnsigned(bytes, start);
      for (; count > 0; count--) {
        const { value: mode, end: afterMode } = readUnsigned(bytes, at);
        if (mode !== 0 || bytes[afterMode] !== I32_CONST) throw new Error(`a data segment of mode ${mode}; expected active ones at constant offsets`);
        const offset = readUnsigned(bytes, afterMode + 1); // non-negative offsets read the same signed or not
        if (bytes[offset.end] !== END) throw new Error('a data segment offset that is not a single constant');
        const size = readUnsigned(bytes, offset.end + 1);
        dataEnd = Math.max(dataEnd, offset.value + size.value);
        at = size.end + size.value;
      }
    }
  }
  if (!memory) throw new Error('the module defines no memory');
  return { ...memory, dataEnd };
}

/**
 * A copy of the module whose memory starts at `pages` pages. The new size is written in as many bytes as
 * the old one took (LEB128 allows padding), so no section moves or changes length.
 */
export function withInitialMemory(bytes, pages) {
  const { maximum, initialAt, initialLength, dataEnd } = memoryOf(bytes);
  if (maximum === null || maximum < pages) throw new Error('the memory cannot grow to the size asked');
  if (dataEnd > pages * PAGE_BYTES) throw new Error(`the module's data needs ${dataEnd} bytes, more than ${pages} pages`);
  const copy = Buffer.from(bytes);
  let rest = pages;
  for (let i = 0; i < initialLength; i++) {
    const last = i === initialLength - 1;
    copy[initialAt + i] = (rest & 0x7f) | (last ? 0 : 0x80);
    rest = Math.floor(rest / 128);
  }
  if (rest !== 0) throw new Error(`${pages} pages do not fit in ${initialLength} bytes`);
  return copy;
}
