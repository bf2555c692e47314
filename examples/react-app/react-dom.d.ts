// The repository has no @types/react-dom; these are the parts of react-dom 18 that the example and its tests use.
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element): Root;
  export function hydrateRoot(container: Element, children: ReactNode, options?: { onRecoverableError?: (error: unknown) => void }): Root;
}

declare module 'react-dom/server' {
  import type { ReactNode } from 'react';

  export function renderToString(element: ReactNode): string;
}
