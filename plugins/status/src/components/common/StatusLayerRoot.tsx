import {
  darken,
  decomposeColor,
  makeStyles,
  recomposeColor,
  getContrastRatio,
  lighten,
  Theme,
  ThemeProvider,
} from '@material-ui/core/styles';
import { ReactNode } from 'react';

/**
 * WCAG 2.1 AA asks 4.5:1 for body text; the app shell's page background is
 * a shade darker than the palette says in some themes (Backstage's light
 * one: #f5f5f5 behind, #f8f8f8 in the palette), so aim higher.
 */
const READABLE = 5;

/** A colour with alpha as it shows over an opaque background. */
function opaqueOver(color: string, background: string): string {
  const { values } = decomposeColor(color);
  const alpha = values[3] ?? 1;
  if (alpha >= 1) return color;
  const under = decomposeColor(background).values;
  return recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(values[i] * alpha + under[i] * (1 - alpha)),
    ) as [number, number, number],
  });
}

/**
 * The theme's secondary text colour, darkened (or lightened on a dark
 * theme) until it reads at 4.5:1 on both the page's background and paper:
 * some themes' grey passes on paper but not on the page behind the cards.
 */
export function readableSecondary(theme: Theme): string {
  const backgrounds = [
    theme.palette.background.default,
    theme.palette.background.paper,
  ];
  const dark = theme.palette.type === 'dark';
  // themes give it with alpha (rgba(0, 0, 0, 0.54)): what shows is its blend
  let color = opaqueOver(
    theme.palette.text.secondary,
    theme.palette.background.default,
  );
  const reads = (candidate: string) =>
    backgrounds.every(b => getContrastRatio(candidate, b) >= READABLE);
  for (let step = 0; step < 20; step++) {
    if (reads(color)) return color;
    color = dark ? lighten(color, 0.1) : darken(color, 0.1);
  }
  return theme.palette.text.primary;
}

const readableTheme = (outer: Theme): Theme => ({
  ...outer,
  palette: {
    ...outer.palette,
    text: { ...outer.palette.text, secondary: readableSecondary(outer) },
  },
});

const useStyles = makeStyles({
  root: {
    // a link in a sentence or list is told from its words by more than colour
    // (buttons drawn as links excepted; inside a nested theme their class
    // names carry a suffix, hence the substring match)
    '& a:not([class*="MuiButtonBase-root"])': { textDecoration: 'underline' },
  },
});

/** Inside the readable theme: the markup's root. */
function Root(props: { name: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div data-status-layer={props.name} className={classes.root}>
      {props.children}
    </div>
  );
}

/**
 * The root of each of the plugin's pages and tabs: marks its markup (the
 * accessibility checks audit what is inside) and gives it secondary text
 * that keeps AA contrast whatever the app's theme, and underlined links.
 */
export function StatusLayerRoot(props: { name: string; children: ReactNode }) {
  return (
    <ThemeProvider theme={readableTheme}>
      <Root name={props.name}>{props.children}</Root>
    </ThemeProvider>
  );
}
