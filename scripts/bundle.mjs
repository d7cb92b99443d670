// Bundles tsc's output (dist/src/cli/main.js) with its dependencies into dist/bundle/, which is what
// `ctop-ts` runs. Why: start-up time. Unbundled, Node resolves ~150 modules and runs cjs-module-lexer over
// React's CommonJS before the first frame (~0.45 s to load the app and Ink, even with the compile cache);
// the bundle loads in ~0.1 s. Run by `npm run build` after tsc. Tests import modules from dist/src; the
// tests that spawn the CLI (daemon and end-to-end) and the benchmark spawn the bundle.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { embeddedWasm, withInitialMemory } from './wasm-memory.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true }); // no stale chunks from an earlier build

/**
 * Ink (7.1) rebuilds each frame from nothing: every text is sanitised, measured and tokenised again
 * (@alcalzone/ansi-tokenize, the largest cost of a frame), every cell of the screen is a new object and
 * every line is serialised again, although a steady screen repeats most of the frame before. A few edits,
 * each checked to apply exactly once (an Ink update that changes this code fails the build rather than
 * silently losing them), carry that work across frames:
 * - output.js: its per-frame caches (tokenised lines, string widths) are kept, dropped whole once one
 *   of them holds 2,000 lines so they stay small; writes are first gathered per row of the screen, and a row whose writes
 *   (columns and transformed lines, in order) are those of the last frame reuses its text; a row that
 *   changed is its writes side by side where they allow it (src/terminal/row-text.ts), and only the
 *   others are laid out in cells (blank cells share one frozen object: Ink replaces cells, never changes
 *   one) and serialised again;
 * - squash-text-nodes.js, render-node-to-output.js: sanitizeAnsi and widestLine (pure functions of a
 *   string) are remembered.
 * One more is not about speed:
 * - ink.js: on 'resize' Ink drew the tree as it was, laid out for the old size (our root's size is React
 *   state, src/ui/App.tsx, updated by a listener of the same event but rendered later): on a narrower
 *   terminal those lines wrapped, and rows of that frame stayed on screen (a table line's tail in the
 *   counts line, the footer twice). Ink still erases the screen when the width shrinks; the frame at the
 *   new size is the re-render that follows, drawn whole after the erase.
 */
/** Ink's code imports these from tsc's output (esbuild bundles them like any other module). */
const fromSrc = (file) => JSON.stringify(path.join(root, 'dist', 'src', file));
const MEMO = `import { memoByText } from ${fromSrc('model/memo.js')};\n`;
const INK_EDITS = {
  'output.js': [
    [
      'export default class Output {',
      `import { sideBySide } from ${fromSrc('terminal/row-text.js')};
let sharedCaches = new OutputCaches();
const BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
// per row of the screen: the writes that made it (column, line; in order) and the text they made
let lastRows = [];
const rowText = (writes, y, width, caches) => {
    const last = lastRows[y];
    if (last && last.width === width && last.writes.length === writes.length && last.writes.every((w, i) => w === writes[i])) return last.text;
    const quick = sideBySide(writes, (line) => caches.getStringWidth(line));
    if (quick !== undefined) {
        lastRows[y] = { width, writes, text: quick };
        return quick;
    }
    const currentLine = new Array(width).fill(BLANK);
    for (let i = 0; i < writes.length; i += 2) {
        let offsetX = writes[i];
        const characters = caches.getStyledChars(writes[i + 1]);
        if (characters.length === 0) {
            continue;
        }
        const spaceCell = {
            type: 'char',
            value: ' ',
            fullWidth: false,
            styles: [],
        };
        if (currentLine[offsetX]?.value === '' && offsetX > 0 && caches.getStringWidth(currentLine[offsetX - 1]?.value ?? '') > 1) {
            currentLine[offsetX - 1] = spaceCell;
        }
        for (const character of characters) {
            currentLine[offsetX] = character;
            const characterWidth = Math.max(1, caches.getStringWidth(character.value));
            if (characterWidth > 1) {
                for (let index = 1; index < characterWidth; index++) {
                    currentLine[offsetX + index] = {
                        type: 'char',
                        value: '',
                        fullWidth: false,
                        styles: character.styles,
                    };
                }
            }
            offsetX += characterWidth;
        }
        if (currentLine[offsetX]?.value === '') {
            currentLine[offsetX] = spaceCell;
        }
    }
    const text = styledCharsToString(currentLine.filter(item => item !== undefined)).trimEnd();
    lastRows[y] = { width, writes, text };
    return text;
};
export default class Output {`,
    ],
    [
      '    caches = new OutputCaches();',
      '    caches = Math.max(sharedCaches.widths.size, sharedCaches.blockWidths.size, sharedCaches.styledChars.size) > 2000 ? (sharedCaches = new OutputCaches()) : sharedCaches;',
    ],
    // index loops: in the baseline code the monitor runs (src/cli/v8-idle.ts) a for-of allocates per step
    ['        for (let [index, line] of lines.entries()) {', '        for (let index = 0; index < lines.length; index++) {\n            let line = lines[index];'],
    ['            for (const transformer of transformers) {', '            for (let t = 0; t < transformers.length; t++) {\n                const transformer = transformers[t];'],
    [
      `        const output = [];
        for (let y = 0; y < this.height; y++) {
            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);
        }`,
      '        const output = Array.from({ length: this.height }, () => []);',
    ],
    [
      `                    const currentLine = output[y + offsetY];`,
      `                    const currentLine = output[y + offsetY]; // the row's writes`,
    ],
    // Ink's per-character writing of a line moves into rowText above: from its first statement to the
    // end of the per-line loop (a span, so the whole block need not be quoted here)
    [
      '                    const characters = this.caches.getStyledChars(line);',
      `                    offsetY++;
                }
            }
        }`,
      `                    currentLine.push(x, line);
                    offsetY++;
                }
            }
        }`,
    ],
    [
      `            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
      '            .map((writes, y) => rowText(writes, y, this.width, this.caches))',
    ],
  ],
  'ink.js': [
    [
      `        this.calculateLayout();
        dom.emitLayoutListeners(this.rootNode);
        this.onRender();
        this.lastTerminalWidth = currentWidth;`,
      '        this.lastTerminalWidth = currentWidth; // no frame of the old layout: the re-render draws the new size',
    ],
  ],
  'squash-text-nodes.js': [
    ["import sanitizeAnsi from './sanitize-ansi.js';", "import sanitizeAnsiUncached from './sanitize-ansi.js';\n" + MEMO + 'const sanitizeAnsi = memoByText(sanitizeAnsiUncached);'],
  ],
  'render-node-to-output.js': [
    ["import widestLine from 'widest-line';", "import widestLineUncached from 'widest-line';\n" + MEMO + 'const widestLine = memoByText(widestLineUncached);'],
  ],
};
/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a data: URL and, where fetch exists, loads it
 * with fetch(), which makes Node load undici (its fetch implementation, ~20 ms at every start) only to
 * decode that URL. The first two edits make both of its loaders take the path they take without fetch:
 * decode the bytes and instantiate them. The third decodes them with Buffer instead of atob() and a loop
 * over 72 KB of characters (~3 ms of each start, in the baseline tiers).
 */
const YOGA_EDITS = [
  ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||true?'],
  ['ua(H)||"function"!=typeof fetch?', 'ua(H)||true?'],
  ['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=Buffer.from(a.slice(37),"base64")'],
];

/**
 * Yoga's WebAssembly declares a 16 MB memory, of which a 40-row layout uses a few KB (its data and stack
 * take ~74 KB; it grows on demand, through emscripten's resize). V8 counts that memory as external memory
 * allocated since the last full collection: appearing with the UI, it made V8 start a full collection once it
 * lowered its initial heap limit, 4-8 s after the first frame at 50 containers (14.8 -> 13.7 MB, ~35 ms
 * of a core). The bundled module starts with 1 MB instead.
 */
const YOGA_MEMORY_PAGES = 16;

/** The yoga module's code with its WebAssembly (a base64 data: URL) given YOGA_MEMORY_PAGES of initial memory. */
function withSmallYogaMemory(code) {
  const wasm = embeddedWasm(code);
  return wasm.replaced(withInitialMemory(wasm.bytes, YOGA_MEMORY_PAGES));
}

/**
 * string-width (8.3) tests every grapheme of a non-ASCII string against /^\p{RGI_Emoji}$/v. That regular
 * expression costs ~30 ms to build when the module loads and ~60-90 ms more to compile on its first test,
 * which the first frame pays (its header holds '│'). A single UTF-16 unit is an RGI emoji exactly when it has
 * Emoji_Presentation (checked over the whole BMP: no difference), a small class that compiles at once; the
 * full expression is built on the first longer grapheme (an emoji sequence, a flag, a combining mark).
 * Its Intl.Segmenter is made on the first non-ASCII string rather than when the module loads: the first one
 * of a process loads ICU's data (~20 ms), and string-width loads before the monitor's first requests (see
 * src/model/sanitize.ts).
 */
const STRING_WIDTH_EDITS = [
  ['const segmenter = new Intl.Segmenter();', 'let segmenter;'],
  ['for (const {segment} of segmenter.segment(string)) {', 'for (const {segment} of (segmenter ??= new Intl.Segmenter()).segment(string)) {'],
  ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;\nconst emojiPresentationRegex = /^\\p{Emoji_Presentation}$/u;'],
  [
    'if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
    'if ((segment.length === 1 ? emojiPresentationRegex.test(segment) : (rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment)) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
  ],
];

/**
 * Applies edits, each of which must match exactly once (a changed dependency fails the build, not the
 * edit): [from, to] replaces `from`; [from, through, to] replaces the span from `from` to the end of the
 * first `through` after it.
 */
function edited(file, edits, what) {
  let code = readFileSync(file, 'utf8');
  const once = (text) => {
    if (code.split(text).length !== 2) throw new Error(`${file}: expected exactly one ${JSON.stringify(text.slice(0, 40))}; ${what} changed, revisit its edits`);
    return code.indexOf(text);
  };
  for (const edit of edits) {
    const [from, through, to] = edit.length === 3 ? edit : [edit[0], edit[0], edit[1]];
    const start = once(from);
    const stop = code.indexOf(through, start);
    if (stop === -1) throw new Error(`${file}: no ${JSON.stringify(through.slice(0, 40))} after ${JSON.stringify(from.slice(0, 40))}; ${what} changed`);
    code = code.slice(0, start) + to + code.slice(stop + through.length);
  }
  return { contents: code, loader: 'js' };
}

const editedDependencies = {
  name: 'edited-dependencies',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/][a-z-]+\.js$/ }, ({ path: file }) => {
      const edits = INK_EDITS[path.basename(file)];
      return edits ? edited(file, edits, 'Ink') : undefined; // the other files as they are
    });
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, ({ path: file }) => {
      const { contents, loader } = edited(file, YOGA_EDITS, 'yoga-layout');
      return { contents: withSmallYogaMemory(contents), loader };
    });
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, ({ path: file }) =>
      // only the version at the top of node_modules (8.x); older copies (cliui's) are not bundled
      file === path.join(root, 'node_modules', 'string-width', 'index.js') ? edited(file, STRING_WIDTH_EDITS, 'string-width') : undefined,
    );
  },
};

const result = await build({
  absWorkingDir: root,
  // main.js is the program; the others are what it imports dynamically, named here so that stack traces
  // say which part a frame is in (otherwise they would be chunk-HASH.js like the shared code).
  entryPoints: {
    main: 'dist/src/cli/main.js',
    app: 'dist/src/cli/app.js',
    monitor: 'dist/src/cli/monitor.js',
    ui: 'dist/src/ui/run.js',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // Every dynamic import() becomes its own lazily loaded chunk: main.js stays tiny (it enables the compile
  // cache before anything big loads), and the UI (Ink, React) stays out of --batch/--json and loads while
  // the monitor connects (src/cli/monitor.ts).
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // node-pty is only used by tests (nothing in src imports it). react-devtools-core and ws are Ink's
  // devtools, imported only with DEV=true when react-devtools-core is installed: left to node_modules,
  // as without the bundle. grpc-js requires @grpc/proto-loader (with protobufjs, long, ...: ~300 KB) only
  // to serve channelz or ORCA, which a client never does: left out, it is ~10 ms less to read and compile
  // before the first request (the median of 8 imports of monitor.js, 104 -> 92 ms here, with the JSON
  // methods ts-proto no longer generates, see buf.gen.yaml).
  external: ['node-pty', 'react-devtools-core', 'ws', '@grpc/proto-loader'],
  // React's production build, whatever NODE_ENV says (src/cli/app.ts defaults it to production for the
  // unbundled code; here it is fixed, so the development build's code is left out).
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS code inside an ES module bundle (React, grpc-js) calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Licence headers ship with the code they cover, collected at the end of each file.
  legalComments: 'eof',
  // Not minified: a stack trace in crash.log should be readable as it is (esbuild marks each module's
  // start with a comment naming its file). Linked source maps cost nothing at run time unless asked for:
  // `node --enable-source-maps dist/bundle/main.js` maps frames back to the .ts files (via tsc's maps).
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [editedDependencies],
});

// The dynamic imports must stay dynamic: main.js loads nothing before it enables the compile cache, and
// no part is loaded before it is needed (--batch never loads monitor.js or ui.js).
const { outputs } = result.metafile;
for (const [file, { imports }] of Object.entries(outputs)) {
  for (const { path: target, kind, external } of imports) {
    if (kind === 'import-statement' && !external && (file.endsWith('/main.js') || outputs[target]?.entryPoint)) {
      throw new Error(`${file} imports ${target} statically`);
    }
  }
}
chmodSync(path.join(outdir, 'main.js'), 0o755);
