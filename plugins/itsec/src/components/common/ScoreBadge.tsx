import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';

function scoreBand(score: number | null): 'good' | 'fair' | 'poor' | 'none' {
  if (score === null) return 'none';
  if (score >= 80) return 'good';
  if (score >= 50) return 'fair';
  return 'poor';
}

/** The 0-100 score as a number with its band in words. */
export function ScoreBadge(props: {
  score: number | null;
  size?: 'large' | 'small';
}) {
  const theme = useTheme();
  const band = scoreBand(props.score);
  // The band's colour marks the bar beside the number; the number itself is
  // in the text colour (the light band colours fall under 3:1 on white).
  const colors = {
    good: theme.palette.success?.main,
    fair: theme.palette.warning?.main,
    poor: theme.palette.error.main,
    none: theme.palette.text.secondary,
  };
  const color = colors[band];
  const large = props.size !== 'small';
  return (
    <Box display="flex" alignItems="baseline" style={{ gap: 6 }}>
      <span
        aria-hidden
        style={{
          alignSelf: 'stretch',
          width: 6,
          borderRadius: 3,
          background: color,
        }}
      />
      <Typography
        variant={large ? 'h3' : 'h6'}
        component="span"
        style={{ fontWeight: 600 }}
        aria-label={
          props.score === null ? 'No score' : `Score ${props.score} out of 100`
        }
      >
        {props.score === null ? '–' : props.score}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="span">
        {props.score === null ? 'nothing scored' : `/ 100 · ${band}`}
      </Typography>
    </Box>
  );
}
