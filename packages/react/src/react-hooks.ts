// Every React value this package uses, imported from one module: a host whose bundler
// keeps React external (esbuild does) then emits one `import … from "react"` for all of
// our modules instead of one per module (evanw/esbuild#475). Types may come from 'react'.
export {
  createContext,
  useContext,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
