import type { CompactorEvidence } from '@thanos-backstage/plugin-thanos-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { ChartSvg, ChartText } from './ChartParts';

type BlockCount = NonNullable<CompactorEvidence['blocksByResolution']>[number];

const RESOLUTION_LABEL: Record<BlockCount['resolution'], string> = {
  '0': 'raw',
  '5m': '5m downsampled',
  '1h': '1h downsampled',
};

const ROW_HEIGHT = 24;
const LABEL_WIDTH = 120;
const WIDTH = 480;

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: WIDTH, height: 'auto' },
});

/**
 * Blocks in the bucket per resolution: downsampled bars that stay empty while raw grows mean the
 * compactor is not downsampling, which a row of numbers hides.
 */
export function BlocksByResolutionChart(props: { blocks: BlockCount[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const max = Math.max(1, ...props.blocks.map(b => b.count));
  const plotWidth = WIDTH - LABEL_WIDTH - 48;
  const description = props.blocks
    .map(b => `${RESOLUTION_LABEL[b.resolution]}: ${b.count} blocks`)
    .join('; ');
  return (
    <ChartSvg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${props.blocks.length * ROW_HEIGHT}`}
      title="Blocks per resolution"
      description={description}
    >
      {props.blocks.map((block, index) => {
        const y = index * ROW_HEIGHT;
        const width = (block.count / max) * plotWidth;
        return (
          <g key={block.resolution}>
            <ChartText x={0} y={y + ROW_HEIGHT / 2 + 4} tone="label">
              {RESOLUTION_LABEL[block.resolution]}
            </ChartText>
            <rect
              x={LABEL_WIDTH}
              y={y + 4}
              width={Math.max(width, 1)}
              height={ROW_HEIGHT - 8}
              rx={3}
              fill={theme.palette.primary.main}
            />
            <ChartText
              x={LABEL_WIDTH + width + 6}
              y={y + ROW_HEIGHT / 2 + 4}
              tone="value"
            >
              {block.count}
            </ChartText>
          </g>
        );
      })}
    </ChartSvg>
  );
}
