// Layout off the main thread: the page posts the drawn graph's topology, the worker answers with
// positions. The engine remembers positions between messages.
import { type LayoutEdgeInput, LayoutEngine, type LayoutNodeInput } from './layout-engine';

interface LayoutRequest {
  id: number;
  reset: boolean;
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: unknown): void;
};
const engine = new LayoutEngine();

// A first layout of a map this big takes long enough that a draft is drawn first.
const DRAFT_MIN_NODES = 200;

scope.onmessage = (event) => {
  const { id, reset, nodes, edges } = event.data;
  if (reset) engine.reset();
  if (engine.empty && nodes.length >= DRAFT_MIN_NODES) {
    scope.postMessage({ id, positions: [...engine.draft(nodes).entries()], ms: 0, draft: true });
  }
  const started = performance.now();
  const positions = engine.layout(nodes, edges);
  scope.postMessage({ id, positions: [...positions.entries()], ms: performance.now() - started });
};
