export const PLUGIN_ID = 'policy-versions';
