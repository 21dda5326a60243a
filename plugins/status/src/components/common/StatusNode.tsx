import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { EntityNode } from '@backstage/plugin-catalog-graph';
import { useTheme } from '@material-ui/core/styles';
import { DisplayLevel, levelColor, useLevelWords } from './levels';
import { useSharedWords } from './useSectionWords';
import { KeyboardEvent, MouseEvent } from 'react';

/** A graph node drawn as a box outlined and dotted in its level's colour, named with its level. */
export function StatusNode(props: {
  node: EntityNode;
  level: DisplayLevel | undefined;
}) {
  const theme = useTheme();
  const levels = useLevelWords();
  const t = useSharedWords();
  const { node, level } = props;
  const label = humanizeEntityRef(node.entity, { defaultKind: 'component' });
  const color = level ? levelColor(theme, level) : theme.palette.text.disabled;
  const words = level ? levels.label(level) : t('noStatus');
  const width = Math.max(120, label.length * 7.2 + 40);
  return (
    <g
      onClick={node.onClick}
      // reached and opened by keyboard too; named by its title (name: level)
      {...(node.onClick
        ? {
            tabIndex: 0,
            role: 'link',
            onKeyDown: (event: KeyboardEvent<SVGGElement>) => {
              if (event.key !== 'Enter' && event.key !== ' ') return;
              event.preventDefault();
              // the graph's handler reads only which node was chosen
              node.onClick!(event as unknown as MouseEvent<unknown>);
            },
          }
        : {})}
      style={{ cursor: node.onClick ? 'pointer' : undefined }}
      data-testid={`graph-node-${label}`}
      data-level={level ?? 'none'}
    >
      <title>{`${label}: ${words}`}</title>
      <rect
        width={width}
        height={40}
        rx={6}
        fill={theme.palette.background.paper}
        stroke={color}
        strokeWidth={node.focused ? 4 : 2}
      />
      <circle cx={16} cy={20} r={7} fill={color} />
      <text x={30} y={17} fontSize={13} fill={theme.palette.text.primary}>
        {label}
      </text>
      <text x={30} y={32} fontSize={11} fill={theme.palette.text.secondary}>
        {words}
      </text>
    </g>
  );
}
