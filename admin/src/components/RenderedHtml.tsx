import { Box } from '@strapi/design-system';
import { styled } from 'styled-components';

/**
 * Shows HTML the plugin's server rendered (Markdown previews and diffs). The server escapes every piece of
 * policy text, so inserting it is safe; the styles give the diff classes their meaning.
 */
const Styled = styled(Box)`
  font-size: 1.4rem;
  line-height: 1.6;
  color: ${({ theme }) => theme.colors.neutral800};
  overflow-wrap: anywhere;

  h1, h2, h3, h4, h5, h6 { font-weight: 600; margin: 1.2em 0 0.5em; line-height: 1.3; }
  h1 { font-size: 2rem; } h2 { font-size: 1.8rem; } h3 { font-size: 1.6rem; }
  p, ul, ol { margin: 0 0 0.8em; }
  ul, ol { padding-left: 2.4rem; }
  ul { list-style: disc; } ol { list-style: decimal; }
  a { color: ${({ theme }) => theme.colors.primary600}; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid ${({ theme }) => theme.colors.neutral200}; padding: 0.4rem 0.8rem; vertical-align: top; }

  .pv-ins { background: ${({ theme }) => theme.colors.success100}; color: ${({ theme }) => theme.colors.success700}; text-decoration: none; }
  .pv-del { background: ${({ theme }) => theme.colors.danger100}; color: ${({ theme }) => theme.colors.danger700}; text-decoration: line-through; }
  .pv-clause { font-weight: 600; }

  .pv-block { border-left: 4px solid transparent; padding: 0.2rem 0 0.2rem 1.2rem; margin-bottom: 0.4rem; }
  .pv-block--unchanged { color: ${({ theme }) => theme.colors.neutral600}; }
  .pv-block--changed { border-left-color: ${({ theme }) => theme.colors.warning500}; }
  .pv-block--inserted { border-left-color: ${({ theme }) => theme.colors.success500}; }
  .pv-block--deleted { border-left-color: ${({ theme }) => theme.colors.danger500}; }
  .pv-block--renumbered { border-left-color: ${({ theme }) => theme.colors.secondary500}; }
  .pv-block--moved, .pv-block--moved-changed, .pv-block--move-source {
    border-left-color: ${({ theme }) => theme.colors.alternative500};
    background: ${({ theme }) => theme.colors.alternative100};
  }
  .pv-block--move-source { opacity: 0.7; border-left-style: dashed; }
  .pv-block--moved::before, .pv-block--moved-changed::before {
    content: '↕ ' attr(data-move-from);
    float: right;
    font-size: 1.1rem;
    color: ${({ theme }) => theme.colors.alternative700};
  }

  .pv-diff-table { width: 100%; table-layout: fixed; }
  .pv-diff-table th { background: ${({ theme }) => theme.colors.neutral100}; text-align: left; }
  .pv-diff-table td { width: 50%; }
  .pv-diff-table tr.pv-block { border-left: 4px solid transparent; }
`;

interface RenderedHtmlProps {
  html: string;
  label?: string;
}

export const RenderedHtml = ({ html, label }: RenderedHtmlProps) => (
  <Styled aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />
);
