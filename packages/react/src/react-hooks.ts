// Every React value this package uses, imported from one module: a host whose bundler
// keeps React external (esbuild does) then emits one `import … from "react"` for all of
// our modules instead of one per module (evanw/esbuild#475). Types may come from 'react'.
// Biome knows React's hooks by their import from 'react': biome.json names the ones
// re-exported here for its exhaustive-dependencies rule (an override for this package).
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
