import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { EditorVersion } from '../../../shared/contracts/versions';
import { useT } from '../hooks/useT';

interface VersionSelectProps {
  label: string;
  name: string;
  value: string;
  versions: EditorVersion[];
  /** Offers "the version in force" as a choice that follows the timeline. */
  withCurrent?: boolean;
  onChange: (value: string) => void;
}

/** Picks one version of a policy by documentId, labelled with its number and status. */
export const VersionSelect = ({ label, name, value, versions, withCurrent, onChange }: VersionSelectProps) => {
  const t = useT();
  return (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(next) => onChange(String(next))} data-testid={`select-${name}`}>
        {withCurrent && <SingleSelectOption value="current">{t('diff.current')}</SingleSelectOption>}
        {versions.map((version) => {
          const number = version.version === null ? t('status.draft') : `v${version.version}`;
          return (
            <SingleSelectOption key={version.documentId} value={version.documentId}>
              {version.version === null ? number : `${number} · ${t(`status.${version.status}`)}`}
            </SingleSelectOption>
          );
        })}
      </SingleSelect>
    </Field.Root>
  );
};
