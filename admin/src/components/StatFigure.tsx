import { Flex, Typography } from '@strapi/design-system';

/** One headline number with its label. */
export const StatFigure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Flex direction="column" alignItems="flex-start" padding={4} background="neutral0" hasRadius shadow="tableShadow" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="alpha" tag="p" data-testid={testId}>
      {value}
    </Typography>
  </Flex>
);
