import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import { readableSecondary } from './StatusLayerRoot';

describe('readableSecondary', () => {
  it('darkens a grey that fails on the page behind the cards, and keeps one that reads', () => {
    const light = createTheme({
      palette: {
        text: { secondary: '#717171' },
        background: { default: '#f5f5f5', paper: '#ffffff' },
      },
    });
    const color = readableSecondary(light);
    expect(getContrastRatio('#717171', '#f5f5f5')).toBeLessThan(4.5);
    expect(getContrastRatio(color, '#f5f5f5')).toBeGreaterThanOrEqual(5);
    expect(getContrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(5);

    const dark = createTheme({
      palette: {
        type: 'dark',
        text: { secondary: '#888888' },
        background: { default: '#333333', paper: '#424242' },
      },
    });
    expect(
      getContrastRatio(readableSecondary(dark), '#424242'),
    ).toBeGreaterThanOrEqual(5);

    // as Backstage's light theme gives it: black at 54 %, #717171 on #f5f5f5
    const translucent = createTheme({
      palette: {
        text: { secondary: 'rgba(0, 0, 0, 0.54)' },
        background: { default: '#f5f5f5', paper: '#ffffff' },
      },
    });
    expect(
      getContrastRatio(readableSecondary(translucent), '#f5f5f5'),
    ).toBeGreaterThanOrEqual(5);
    expect(readableSecondary(translucent)).not.toMatch(/rgba/);

    const readable = createTheme({
      palette: {
        text: { secondary: '#444444' },
        background: { default: '#ffffff', paper: '#ffffff' },
      },
    });
    expect(readableSecondary(readable)).toBe('#444444');
  });
});
