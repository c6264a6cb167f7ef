// Force layout with memory: every node keeps the position it was first given, so a tick that only
// changes counters moves nothing and a new node settles in beside its namespace without shaking the
// rest. Groups (namespaces, "outside the cluster", the node layer) get sticky grid cells. Runs in a
// Web Worker in the browser; plain code so it is testable and benchmarkable in Node.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3';
import { GRID_X, GRID_Y, GroupBoxes, SlotGrid } from './layout-grid';

export interface LayoutNodeInput {
  readonly id: string;
  readonly group: string;
}

export interface LayoutEdgeInput {
  readonly source: string;
  readonly target: string;
}

export interface Point {
  x: number;
  y: number;
}

interface SimNode extends Point {
  id: string;
  group: string;
  fx?: number | null;
  fy?: number | null;
}

// Cards are wide (see map-geometry CARD_W/CARD_H): the simulation runs in a space stretched
// vertically by ASPECT so a card is roughly a disc there and circle collision packs them tightly.
const ASPECT = 3;
const SIM_RADIUS = 112;
const GROUP_GAP = 90;
// How hard cards are pulled to their group's cell, against links to other groups. At 0.18 cards
// with many outside links ended in another group's box (overlapping boxes on the demo map; on
// random 85–300-card maps 7–82 cards inside another group's box); 0.5 keeps groups apart (0–11)
// while links still arrange cards within a group.
const GROUP_PULL = 0.5;
// Grid pitch of draft positions: the slot grid's.
const DRAFT_STEP_X = GRID_X;
const DRAFT_STEP_Y = GRID_Y;
// Past this many cards the layout takes its fast path (see layout()).
const BIG_MAP = 300;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

export class LayoutEngine {
  private readonly positions = new Map<string, Point>();
  private readonly cells = new Map<string, Point>();
  private readonly slots = new SlotGrid();
  private rowWidth = 0;
  private cursor = { x: 0, y: 0, rowHeight: 0 };

  reset(): void {
    this.positions.clear();
    this.cells.clear();
    this.slots.clear();
    this.rowWidth = 0;
    this.cursor = { x: 0, y: 0, rowHeight: 0 };
  }

  layout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Map<string, Point> {
    const members = new Map<string, number>();
    for (const node of nodes) members.set(node.group, (members.get(node.group) ?? 0) + 1);
    this.placeGroups(members);

    const fresh = nodes.filter((n) => !this.positions.has(n.id));
    if (fresh.length > 0) {
      const first = this.positions.size === 0;
      const big = nodes.length > BIG_MAP;
      // A first layout starts from the draft grid (groups already apart, no card on another), so a
      // short, cool simulation only has to pull linked cards together.
      const seed = first ? this.draft(nodes) : undefined;
      const simNodes: SimNode[] = nodes.map((n) => {
        const known = this.positions.get(n.id);
        if (known) return { id: n.id, group: n.group, x: known.x, y: known.y, fx: known.x, fy: known.y };
        const start = seed?.get(n.id);
        if (start) return { id: n.id, group: n.group, x: start.x, y: start.y * ASPECT };
        const cell = this.cells.get(n.group)!;
        const angle = hash(n.id) * Math.PI * 2;
        const radius = 40 + hash(`${n.id}#r`) * 120;
        return {
          id: n.id,
          group: n.group,
          x: cell.x + Math.cos(angle) * radius,
          y: cell.y + Math.sin(angle) * radius,
        };
      });
      const byId = new Map(simNodes.map((n) => [n.id, n]));
      const links = edges
        .filter((e) => e.source !== e.target && byId.has(e.source) && byId.has(e.target))
        .map((e) => ({ source: e.source, target: e.target }));
      const cellOf = (n: SimNode) => this.cells.get(n.group)!;
      const simulation = forceSimulation<SimNode>(simNodes)
        .force('x', forceX<SimNode>((n) => cellOf(n).x).strength(GROUP_PULL))
        .force('y', forceY<SimNode>((n) => cellOf(n).y * ASPECT).strength(GROUP_PULL))
        .force('charge', big ? null : forceManyBody<SimNode>().strength(-180).distanceMax(300))
        .force(
          'collide',
          forceCollide<SimNode>(SIM_RADIUS)
            .strength(1)
            .iterations(big ? 1 : 3),
        )
        .force(
          'link',
          forceLink<SimNode, { source: string | SimNode; target: string | SimNode }>(links)
            .id((n) => n.id)
            .distance(160)
            .strength(0.03),
        )
        .stop();
      // Big maps: no charge, one collision pass and few ticks. The draft grid they start from already
      // spreads the cards, the links pull neighbours together and the slot grid (layout-grid.ts)
      // removes every overlap left. The worker runs this once, cold (not yet optimised by the JIT):
      // a 1,000-node first layout then takes ~0.3-0.6 s instead of ~1.7 s. Small maps can afford
      // the full simulation, which spreads cards more evenly.
      simulation.alpha(first ? (big ? 0.5 : 1) : 0.6);
      const ticks = big ? (first ? 30 : 80) : first ? 150 : 120;
      for (let i = 0; i < ticks; i++) simulation.tick();
      // Each new card takes the nearest slot where its group's box stays clear of the others' (a
      // card linked across groups would otherwise sit in, or push its box into, a neighbour's).
      const boxes = new GroupBoxes();
      for (const node of nodes) {
        const known = this.positions.get(node.id);
        if (known) {
          this.slots.occupy(known);
          boxes.add(node.group, known);
        }
      }
      for (const node of simNodes) {
        if (this.positions.has(node.id)) continue;
        const at = this.slots.place({ x: node.x, y: node.y / ASPECT }, (slot) =>
          boxes.fits(node.group, slot),
        );
        boxes.add(node.group, at);
        this.positions.set(node.id, at);
      }
    }
    const result = new Map<string, Point>();
    for (const node of nodes) result.set(node.id, this.positions.get(node.id)!);
    return result;
  }

  /** True until the first layout (or after reset): the next layout starts from nothing. */
  get empty(): boolean {
    return this.positions.size === 0;
  }

  /**
   * Provisional positions for a first layout, without simulating: each group's members on a grid
   * around the group's cell. A big map's first simulation takes a second or more; drawing this
   * draft meanwhile puts the map on screen at once. Nothing is remembered from it.
   */
  draft(nodes: readonly LayoutNodeInput[]): Map<string, Point> {
    const members = new Map<string, number>();
    for (const node of nodes) members.set(node.group, (members.get(node.group) ?? 0) + 1);
    this.placeGroups(members);
    const seen = new Map<string, number>();
    const out = new Map<string, Point>();
    for (const node of nodes) {
      const known = this.positions.get(node.id);
      if (known) {
        out.set(node.id, known);
        continue;
      }
      const count = members.get(node.group) ?? 1;
      const index = seen.get(node.group) ?? 0;
      seen.set(node.group, index + 1);
      const columns = Math.max(1, Math.ceil(Math.sqrt(count * 0.6)));
      const rows = Math.ceil(count / columns);
      const cell = this.cells.get(node.group)!;
      out.set(node.id, {
        x: cell.x + ((index % columns) - (columns - 1) / 2) * DRAFT_STEP_X,
        y: cell.y + (Math.floor(index / columns) - (rows - 1) / 2) * DRAFT_STEP_Y,
      });
    }
    return out;
  }

  private placeGroups(members: Map<string, number>): void {
    const unplaced = [...members.keys()].filter((g) => !this.cells.has(g)).sort(groupOrder);
    if (unplaced.length === 0) return;
    // Half extents of a group's (wide) ellipse in real space.
    const halfWidth = (g: string) => SIM_RADIUS * 1.05 * Math.sqrt(members.get(g) ?? 1) + 40;
    const halfHeight = (g: string) => halfWidth(g) / ASPECT + 30;
    if (this.rowWidth === 0) {
      // Shelf packing for a wide screen. Shelves leave gaps under short groups, so the rows are set
      // 2.4x as wide as the groups' area is tall to come out near 1.8:1 (1.8 came out 1.2–1.45:1).
      const area = [...members.keys()].reduce(
        (sum, g) => sum + (2 * halfWidth(g) + GROUP_GAP) * (2 * halfHeight(g) + GROUP_GAP),
        0,
      );
      this.rowWidth = Math.max(900, Math.sqrt(area * 2.4));
    }
    for (const group of unplaced) {
      const w = halfWidth(group);
      const h = halfHeight(group);
      if (this.cursor.x > 0 && this.cursor.x + 2 * w > this.rowWidth) {
        this.cursor = { x: 0, y: this.cursor.y + this.cursor.rowHeight + GROUP_GAP, rowHeight: 0 };
      }
      this.cells.set(group, { x: this.cursor.x + w, y: this.cursor.y + h });
      this.cursor.x += 2 * w + GROUP_GAP;
      this.cursor.rowHeight = Math.max(this.cursor.rowHeight, 2 * h);
    }
  }
}

/** Namespaces first (alphabetical), then the outside world, then the node layer. */
function groupOrder(a: string, b: string): number {
  const rank = (g: string) => (g.startsWith('ns:') ? 0 : g === 'outside' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
