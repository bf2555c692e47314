// Types for the TypeScript tests that reuse the build helpers (build.js is plain Node for the scripts).
interface BuildOptions {
  log?: (message: string) => void;
  quiet?: boolean;
}

export function ensurePluginBuild(options?: BuildOptions): boolean;
export function ensureAdminBuild(options?: BuildOptions): boolean;
