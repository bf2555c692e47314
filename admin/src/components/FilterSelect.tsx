import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

const ANY = 'any';

interface FilterSelectProps {
  name: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}

/** A filter with an "any" choice that clears it. */
export const FilterSelect = ({ name, label, anyLabel, value, options, onChange }: FilterSelectProps) => (
  <Field.Root name={name}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect value={value ?? ANY} onChange={(next) => onChange(next === ANY ? undefined : String(next))}>
      <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption>
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Field.Root>
);
