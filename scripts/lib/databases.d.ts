// Types for the TypeScript tests that reuse the database helper (databases.js is plain Node for the scripts).
export interface IsolatedDatabase {
  env: Record<string, string>;
  connection: Record<string, unknown>;
  searchPath?: string;
  drop(): Promise<void>;
}
export function isolateDatabase(client: string, options: { prefix: string; sqliteDir: string }): Promise<IsolatedDatabase>;
export function pgOptions(): { host: string; port: number; user: string; password: string; database: string };
