import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { VersionRecord } from '../api/types';
import { useT } from '../hooks/useT';
import type { TimelineStatus } from '../utils/versionStatus';

interface VersionSelectProps {
  label: string;
  name: string;
  value: string;
  versions: VersionRecord[];
  statuses: Map<string, TimelineStatus>;
  /** Offers "the version in force" as a choice that follows the timeline. */
  withCurrent?: boolean;
  onChange: (value: string) => void;
}

/** Picks one version of a policy by documentId, labelled with its number and status. */
export const VersionSelect = ({ label, name, value, versions, statuses, withCurrent, onChange }: VersionSelectProps) => {
  const t = useT();
  return (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(next) => onChange(String(next))} data-testid={`select-${name}`}>
        {withCurrent && <SingleSelectOption value="current">{t('diff.current')}</SingleSelectOption>}
        {versions.map((version) => {
          const status = statuses.get(version.documentId) ?? 'draft';
          const number = version.version === null ? t('status.draft') : `v${version.version}`;
          return (
            <SingleSelectOption key={version.documentId} value={version.documentId}>
              {version.version === null ? number : `${number} · ${t(`status.${status}`)}`}
            </SingleSelectOption>
          );
        })}
      </SingleSelect>
    </Field.Root>
  );
};
