import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import type en from '../translations/en.json';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | Date>;

/**
 * The plugin's texts by key. Keys are checked against en.json at compile time; Strapi falls back to the
 * English file for keys a locale lacks, so texts live only in the translation files.
 */
export const useT = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (key: MessageKey, values?: MessageValues) => formatMessage({ id: `${PLUGIN_ID}.${key}` }, values),
    [formatMessage]
  );
};

export type Translate = ReturnType<typeof useT>;
