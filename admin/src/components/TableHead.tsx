import { Th, Thead, Tr, Typography } from '@strapi/design-system';

/** A table's header row from its column labels. */
export const TableHead = ({ labels }: { labels: string[] }) => (
  <Thead>
    <Tr>
      {labels.map((label) => (
        <Th key={label}>
          <Typography variant="sigma">{label}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);
