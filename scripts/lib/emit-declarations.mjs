// Declarations for a package's public entries, correct under every TypeScript module mode
// (checked by `pnpm test:packaging` with arethetypeswrong: node16 CJS, node16 ESM, bundler).
//
// Sources import siblings without extensions (`moduleResolution: Bundler`), so tsc's output
// would too, and Node16/NodeNext consumers cannot resolve those (TS2834). Each emitted file
// is therefore written twice with fully specified relative imports:
//   - `x.d.ts`  (ESM: the package is `"type": "module"`), imports `./y.js` or `./y/index.js`;
//   - `x.d.cts` (CJS, for the `require` condition),       imports `./y.cjs` or `./y/index.cjs`.
// Only files reachable from the entries are emitted: test helpers never reach a tarball.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?(?:\/[^'"]*)?)\2/g;

/** Throws the diagnostics as one readable error, if there are any errors among them. */
function failOn(diagnostics) {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  const text = ts.formatDiagnosticsWithColorAndContext(errors, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
  throw new Error(`declaration build failed:\n${text}`);
}

/**
 * Rewrites the relative imports of one declaration file (path relative to dist, posix) so
 * that they name a file: `.js`/`.cjs` per `extension`, `/index` added for a directory.
 * Throws when a specifier names no emitted declaration (it would not resolve for a host).
 */
export function specifyImports(file, text, emitted, extension) {
  return text.replace(RELATIVE_SPECIFIER, (_match, keyword, quote, specifier) => {
    const bare = specifier.replace(/\.js$/, '');
    const target = path.posix.join(path.posix.dirname(file), bare); // '.' for dist itself
    let resolved;
    if (emitted.has(`${target}.d.ts`)) resolved = `${bare}${extension}`;
    else if (emitted.has(path.posix.join(target, 'index.d.ts')))
      resolved = `${bare}/index${extension}`;
    else {
      throw new Error(
        `declaration build: dist/${file} imports '${specifier}', which has no declaration in dist`,
      );
    }
    return `${keyword}${quote}${resolved}${quote}`;
  });
}

/**
 * Emits `dist/**\/*.d.ts` and `dist/**\/*.d.cts` for `entries` (paths like `src/index.ts`),
 * with the compiler options of `tsconfig.build.json` in the current directory. Sibling
 * workspace packages are read from their built declarations (no `@dotskit/source`
 * condition), as a host would see them. Type errors fail the build.
 * @param {string[]} entries
 * @returns {number} how many declaration files were written per module format
 */
export function emitDeclarations(entries) {
  const parsed = ts.getParsedCommandLineOfConfigFile('tsconfig.build.json', undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => failOn([d]),
  });
  if (!parsed) throw new Error('cannot read tsconfig.build.json');
  failOn(parsed.errors);
  const options = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    customConditions: [],
    outDir: path.resolve('dist'),
    rootDir: path.resolve('src'),
  };
  const program = ts.createProgram({ rootNames: entries, options });
  failOn(ts.getPreEmitDiagnostics(program));

  /** @type {Map<string, string>} dist-relative posix path → text */
  const outputs = new Map();
  const result = program.emit(undefined, (fileName, text) => {
    outputs.set(path.relative(options.outDir, fileName).split(path.sep).join('/'), text);
  });
  failOn(result.diagnostics);

  const emitted = new Set(outputs.keys());
  for (const [file, text] of outputs) {
    const target = path.join('dist', file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, specifyImports(file, text, emitted, '.js'));
    writeFileSync(
      target.replace(/\.d\.ts$/, '.d.cts'),
      specifyImports(file, text, emitted, '.cjs'),
    );
  }
  return outputs.size;
}
