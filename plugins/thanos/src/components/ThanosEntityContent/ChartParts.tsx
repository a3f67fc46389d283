import { ComponentProps, ReactNode, useId } from 'react';
import { useTheme } from '@material-ui/core/styles';

/**
 * An SVG chart that assistive technology reads as one image, named by its title and described by
 * its description (the data in words, since bars cannot be read out).
 */
export function ChartSvg({
  title,
  description,
  children,
  ...svg
}: ComponentProps<'svg'> & { title: string; description: string }) {
  const id = useId();
  return (
    <svg {...svg} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/**
 * Text in a chart: row labels in the primary text colour; values and axis notes (`note`, smaller)
 * in the secondary one, so the bars stay what the eye reads first.
 */
export function ChartText(props: {
  x: number;
  y: number;
  tone: 'label' | 'value' | 'note';
  alignEnd?: boolean;
  children: ReactNode;
}) {
  const theme = useTheme();
  return (
    <text
      x={props.x}
      y={props.y}
      fontSize={props.tone === 'note' ? 10 : 11}
      textAnchor={props.alignEnd ? 'end' : undefined}
      fill={
        props.tone === 'label'
          ? theme.palette.text.primary
          : theme.palette.text.secondary
      }
    >
      {props.children}
    </text>
  );
}
