package dev.decoderlens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** y = x + c, elementwise over equal shapes: enough to test graph mechanics without real operators. */
    private record AddConst(float c, AtomicInteger calls) implements Op {
        AddConst(float c) {
            this(c, new AtomicInteger());
        }

        @Override
        public String type() {
            return "AddConst";
        }

        @Override
        public Tensor[] apply(Tensor[] in, ExecContext ctx) {
            calls.incrementAndGet();
            float[] src = in[0].data();
            float[] out = new float[src.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = src[i] + c;
            }
            return new Tensor[] {new Tensor(in[0].shape(), out, in[0].layout())};
        }
    }

    private static Node add(String name, String in, String out, float c) {
        return Node.of(name, new AddConst(c), in, out);
    }

    @Test
    void sortsNodesTopologicallyAndRuns() {
        // given in reverse order on purpose
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(add("b", "t", "y", 10), add("a", "x", "t", 1)), List.of("y"));
        assertEquals(List.of("a", "b"), g.nodes().stream().map(Node::name).toList());
        Trace trace = new Executor().run(g, Map.of("x", Tensor.of(new int[] {2}, new float[] {1, 2})), Taps.ALL, CancellationToken.NONE);
        assertEquals(List.of("x", "t", "y"), List.copyOf(trace.tensors().keySet()));
        assertEquals(13f, trace.get("y").get(1));
        assertEquals(2, trace.runs().size());
    }

    @Test
    void outputsOnlyTraceDropsIntermediates() {
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(add("a", "x", "t", 1), add("b", "t", "y", 1)), List.of("y"));
        Trace trace = new Executor().run(g, Map.of("x", Tensor.of(new int[] {1}, new float[] {0})));
        assertEquals(List.of("y"), List.copyOf(trace.tensors().keySet()));
    }

    @Test
    void refusesCycleNamingNodes() {
        GraphException e = assertThrows(GraphException.class, () -> new Graph("g", List.of("x"), Map.of(),
                List.of(add("a", "u", "t", 1), add("b", "t", "u", 1)), List.of("u")));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void refusesMissingTensorNamingNode() {
        GraphException e = assertThrows(GraphException.class, () -> new Graph("g", List.of("x"), Map.of(),
                List.of(add("a", "nope", "t", 1)), List.of("t")));
        assertEquals("node 'a' (AddConst) reads tensor 'nope', which no node, input or initializer provides", e.getMessage());
    }

    @Test
    void refusesTensorProducedTwice() {
        assertThrows(GraphException.class, () -> new Graph("g", List.of("x"), Map.of(),
                List.of(add("a", "x", "t", 1), add("b", "x", "t", 1)), List.of("t")));
    }

    @Test
    void missingInputIsReported() {
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(add("a", "x", "y", 1)), List.of("y"));
        GraphException e = assertThrows(GraphException.class, () -> new Executor().run(g, Map.of()));
        assertEquals("input 'x' of graph 'g' was not given", e.getMessage());
    }

    @Test
    void cancellationStopsBetweenNodes() {
        AddConst second = new AddConst(1);
        AtomicInteger done = new AtomicInteger();
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(add("a", "x", "t", 1), new Node("b", second, List.of("t"), List.of("y"))), List.of("y"));
        CancellationToken cancelAfterFirst = () -> done.get() >= 1;
        assertThrows(CancellationException.class, () -> new Executor().run(g, Map.of("x", Tensor.zeros(1)), Taps.ALL,
                cancelAfterFirst, (d, total, run) -> done.set(d)));
        assertEquals(0, second.calls().get());
    }

    @Test
    void operatorFailureNamesNodeAndShapes() {
        Op broken = new Op() {
            @Override
            public String type() {
                return "Broken";
            }

            @Override
            public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
                throw new IllegalArgumentException("expects 3 channels, got 4");
            }
        };
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(Node.of("n1", broken, "x", "y")), List.of("y"));
        GraphException e = assertThrows(GraphException.class, () -> new Executor().run(g, Map.of("x", Tensor.zeros(1, 4, 2, 2))));
        assertEquals("node 'n1' (Broken) failed on inputs (1, 4, 2, 2): expects 3 channels, got 4", e.getMessage());
    }
}
