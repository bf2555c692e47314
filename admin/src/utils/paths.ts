import { PLUGIN_ID } from '../pluginId';

/** Absolute in-admin paths to the plugin's screens (the admin router adds its own /admin base). */
export const pluginPath = (...segments: Array<string | number>) =>
  [`/plugins/${PLUGIN_ID}`, ...segments.map((segment) => encodeURIComponent(String(segment)))].join('/');
