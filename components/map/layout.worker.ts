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

scope.onmessage = (event) => {
  const { id, reset, nodes, edges } = event.data;
  if (reset) engine.reset();
  const started = performance.now();
  const positions = engine.layout(nodes, edges);
  scope.postMessage({ id, positions: [...positions.entries()], ms: performance.now() - started });
};
