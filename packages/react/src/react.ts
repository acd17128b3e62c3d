// Every React import goes through this file so that bundles carry one `import … from "react"`.
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
