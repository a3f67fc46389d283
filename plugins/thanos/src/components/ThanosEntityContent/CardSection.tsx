import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** One titled part of a status card (Path, Data, Pods, Findings, …), as a level-3 heading. */
export function CardSection(props: { title?: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      {props.title && (
        <Typography variant="h6" component="h3" gutterBottom>
          {props.title}
        </Typography>
      )}
      {props.children}
    </Box>
  );
}
