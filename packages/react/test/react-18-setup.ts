// Makes CommonJS `require('react' | 'react-dom' …)` from node_modules (react-dom-18,
// @testing-library/react) load React 18 in the React 18 test project.
import Module from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../node_modules');
const M = Module as unknown as {
  _resolveFilename: (req: string, ...rest: unknown[]) => string;
};
const orig = M._resolveFilename;
M._resolveFilename = (req: string, ...rest: unknown[]) => {
  const m = /^(react-dom|react)(\/.*)?$/.exec(req);
  const target = m
    ? path.join(root, m[1] === 'react' ? 'react-18' : 'react-dom-18', m[2] ?? '')
    : req;
  return orig.call(Module, target, ...rest);
};
