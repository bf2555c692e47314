// Types for the TypeScript browser tests that reuse the Chromium helper (chromium.js is plain Node for the scripts).
export const CHROMIUM: string;
export function ensureChromium(log?: (message: string) => void): void;
export function launchOptions(): {
  executablePath: string;
  headless: boolean;
  args: string[];
  viewport: { width: number; height: number };
  timezoneId: string;
  locale: string;
};
