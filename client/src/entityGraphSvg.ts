// The entity graph as a picture: one entity in the middle, the notes that define or mention it on an arc to
// its left, and the entities mentioned in those notes on an arc to its right, each label written away from
// the middle so that none runs into another. Laid out and drawn here as a
// self-contained page (an SVG, a stylesheet and a few lines of script, each allowed by a nonce), so the
// webview loads nothing and needs no network. Free of the `vscode` module, so unit tests check it.
import type { EntityDetail, Range, RelatedEntity } from '../../common/protocol';
import { l10n } from './l10n';

/** Rings hold at most this many: past that, a picture stops saying more than the Entities view. */
export const MAX_NOTES = 16;
export const MAX_RELATED = 12;

const WIDTH = 960;
const HEIGHT = 680;
const CENTRE = { x: WIDTH / 2, y: HEIGHT / 2 };
const RADIUS = 220;
/** Where the arcs are centred, in degrees clockwise from the right: notes on the left, entities on the right. */
const NOTE_SIDE = 180;
const RELATED_SIDE = 0;
/** Degrees between neighbours on an arc, and the most an arc spans: a few nodes sit close, many fan out. */
const STEP = 22;
const MAX_SPAN = 160;
const LABEL_CHARS = 24;

export interface GraphInput {
  entity: { id: string; name: string };
  detail: EntityDetail;
  related: RelatedEntity[];
}

/** What clicking a node does: open a place in a note, or draw the graph around another entity. */
export type GraphAction = { open: { uri: string; range: Range } } | { centre: { id: string; name: string } };

export interface GraphNode {
  role: 'entity' | 'definition' | 'note' | 'related';
  label: string;
  /** The full text, shown when the pointer rests on the node. */
  title: string;
  x: number;
  y: number;
  /** How strongly it is tied to the entity in the middle: the width of its edge. */
  weight: number;
  action?: GraphAction;
}

/** Names a note for the picture, e.g. as a path relative to the workspace folder. */
export type DescribeNote = (uri: string) => string;

/** The nodes, the entity first; each other node has an edge to it. */
export function layoutGraph({ entity, detail, related }: GraphInput, describe: DescribeNote): GraphNode[] {
  const defining = new Map<string, EntityDetail['definitions'][number]>();
  for (const site of detail.definitions) if (!defining.has(site.uri)) defining.set(site.uri, site);
  const notes = [
    ...[...defining.values()].map((site) => ({
      role: 'definition' as const,
      uri: site.uri,
      range: site.range,
      count: 1,
      what: l10n.t('defines it'),
    })),
    ...detail.notes
      .filter((note) => !defining.has(note.uri) && note.ranges[0])
      .map((note) => ({ role: 'note' as const, uri: note.uri, range: note.ranges[0], count: note.count, what: mentions(note.count) })),
  ].slice(0, MAX_NOTES);
  const others = related.slice(0, MAX_RELATED);
  return [
    { role: 'entity', label: shorten(entity.name), title: entity.name, ...CENTRE, weight: 0 },
    ...notes.map((note, at): GraphNode => {
      const path = describe(note.uri);
      return {
        role: note.role,
        label: shorten(path.split('/').pop() ?? path),
        title: l10n.t('{0}: {1}', path, note.what),
        ...onArc(NOTE_SIDE, at, notes.length),
        weight: 1 + Math.log2(note.count),
        action: { open: { uri: note.uri, range: note.range } },
      };
    }),
    ...others.map((other, at): GraphNode => ({
      role: 'related',
      label: shorten(other.name),
      title: l10n.t('{0} ({1}): mentioned in {2} of the same notes', other.name, other.kind, other.notes),
      ...onArc(RELATED_SIDE, at, others.length),
      weight: 1 + Math.log2(other.notes),
      action: { centre: { id: other.id, name: other.name } },
    })),
  ];
}

/** The page the webview shows: the picture, a legend, and a script that reports which node was chosen. */
export function graphPage(nodes: readonly GraphNode[], nonce: string): string {
  const [centre] = nodes;
  const edges = nodes
    .slice(1)
    .map(
      (node) =>
        `<line class="edge ${node.role}" x1="${centre.x}" y1="${centre.y}" x2="${node.x}" y2="${node.y}" stroke-width="${node.weight.toFixed(1)}"/>`,
    );
  const shapes = nodes.map((node, at) => {
    const radius = node.role === 'entity' ? 34 : 9;
    const chosen = node.action ? ` data-node="${at}" tabindex="0" role="button"` : '';
    return (
      `<g class="node ${node.role}"${chosen}><title>${escape(node.title)}</title>` +
      `<circle cx="${node.x.toFixed(1)}" cy="${node.y.toFixed(1)}" r="${radius}"/>` +
      `<text ${labelPlace(node, radius)}>${escape(node.label)}</text></g>`
    );
  });
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">${STYLE}</style></head>
<body>
<p class="legend"><span class="key definition"></span>${escape(l10n.t('defines it'))} <span class="key note"></span>${escape(l10n.t('mentions it'))} <span class="key related"></span>${escape(l10n.t('mentioned in the same notes: click to centre on it'))}</p>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(l10n.t('{0} and its neighbourhood', centre.title))}">
${edges.join('\n')}
${shapes.join('\n')}
</svg>
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
}

const STYLE = `
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); margin: 0 12px; }
svg { width: 100%; height: calc(100vh - 48px); }
.edge { stroke: var(--vscode-editorWidget-border, #888); opacity: 0.6; }
.edge.related { stroke-dasharray: 4 3; }
.node text { fill: var(--vscode-foreground); font-size: 12px; }
.node circle { fill: var(--vscode-charts-blue, #3794ff); }
.node.definition circle { fill: var(--vscode-charts-green, #89d185); }
.node.related circle { fill: var(--vscode-charts-orange, #d18616); }
.key.note { background: var(--vscode-charts-blue, #3794ff); }
.key.definition { background: var(--vscode-charts-green, #89d185); }
.key.related { background: var(--vscode-charts-orange, #d18616); }
.node.entity circle { fill: var(--vscode-charts-purple, #b180d7); }
.node.entity text { font-weight: bold; font-size: 14px; }
[data-node] { cursor: pointer; }
[data-node]:hover circle, [data-node]:focus circle { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin: 0 4px 0 12px; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
for (const node of document.querySelectorAll('[data-node]')) {
  const choose = () => vscode.postMessage({ node: Number(node.dataset.node) });
  node.addEventListener('click', choose);
  node.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') choose(); });
}
`;

/** Evenly along an arc centred on `side`, top to bottom; a single node in its middle. */
function onArc(side: number, at: number, count: number): { x: number; y: number } {
  const span = Math.min(MAX_SPAN, STEP * (count - 1));
  const step = count > 1 ? span / (count - 1) : 0;
  // Clockwise on the right side runs top to bottom; on the left it runs bottom to top, so it is turned back.
  const degrees = side === 0 ? -span / 2 + step * at : side + span / 2 - step * at;
  const angle = (degrees * Math.PI) / 180;
  return { x: CENTRE.x + RADIUS * Math.cos(angle), y: CENTRE.y + RADIUS * Math.sin(angle) };
}

/** Where a node's label goes: below the middle one, and beside the others, on the side away from the middle. */
function labelPlace(node: GraphNode, radius: number): string {
  if (node.role === 'entity') return `x="${node.x.toFixed(1)}" y="${(node.y + radius + 16).toFixed(1)}" text-anchor="middle"`;
  const left = node.x < CENTRE.x;
  const x = node.x + (left ? -(radius + 6) : radius + 6);
  return `x="${x.toFixed(1)}" y="${(node.y + 4).toFixed(1)}" text-anchor="${left ? 'end' : 'start'}"`;
}

function mentions(count: number): string {
  return count === 1 ? l10n.t('mentions it once') : l10n.t('mentions it {0} times', count);
}

function shorten(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
