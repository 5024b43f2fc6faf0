package io.sluice.planner;

import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamSink;
import io.sluice.planner.physical.StreamTableSourceScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.Pair;

/**
 * The nodes of a job's physical plans (all its sinks) that would compute the same rows more than
 * once: the job graph builds each of them once and fans its output out to every consumer.
 *
 * <p>Two nodes compute the same rows when their structural digests are equal: the node's own
 * EXPLAIN terms (without its inputs), its full row type, what its runtime operator is built from
 * ({@link OperatorIdentity}), and its inputs' digests. Calcite's own digest does not do: it names
 * inputs by rel ids, which differ between two translations of the same sub-query. Each distinct
 * digest is interned to a small id and a node's digest names its inputs by their ids, so a digest
 * stays short however deep the plan and each node is described once.
 *
 * <p>With equal subtrees merged the plans form a DAG; a node is shared when it has more than one
 * consumer there: two different parents, two inputs of one parent (a self-join) or two sinks. The
 * nodes inside a shared subtree then have one consumer each and are built once with it. Sinks are
 * never merged (two INSERTs of the same rows write them twice), and neither is an operator whose
 * fields are not known here: its digest is unique.
 */
final class SharedSubPlans {
    private final IdentityHashMap<RelNode, Integer> ids = new IdentityHashMap<>();
    private final Map<String, Integer> interned = new HashMap<>();
    /** Per id: one node with that digest. */
    private final List<RelNode> representatives = new ArrayList<>();
    /** Per id: its consumers in the DAG, as "parent id/input index". */
    private final List<Set<String>> consumers = new ArrayList<>();
    private final Set<Integer> shared = new HashSet<>();

    private SharedSubPlans() {
    }

    static SharedSubPlans of(List<StreamSink> sinks, SubPlanReuse reuse) {
        SharedSubPlans plans = new SharedSubPlans();
        for (int i = 0; i < sinks.size(); i++) {
            plans.digest(sinks.get(i), "sink#" + i);
        }
        if (reuse.subPlans()) {
            plans.findShared(reuse.sources());
        }
        return plans;
    }

    /** Whether the node's rows are computed once for several consumers. */
    boolean isShared(RelNode node) {
        Integer id = ids.get(node);
        return id != null && shared.contains(id);
    }

    /** The same number for every node with the same digest. */
    int idOf(RelNode node) {
        Integer id = ids.get(node);
        if (id == null) {
            throw new IllegalArgumentException("not a node of these plans: " + node);
        }
        return id;
    }

    /** @param unique null, or what makes this node's digest differ from every other (a sink's position) */
    private int digest(RelNode node, String unique) {
        Integer known = ids.get(node);
        if (known != null) {
            return known;
        }
        List<Integer> inputs = new ArrayList<>();
        for (RelNode input : node.getInputs()) {
            inputs.add(digest(input, null));
        }
        String fields = OperatorIdentity.describe(node);
        if (unique == null && fields == null) {
            unique = "unknown#" + System.identityHashCode(node) + "#" + representatives.size();
        }
        String text = node.getRelTypeName() + "(" + ownTerms(node) + ") " + node.getRowType().getFullTypeString()
                + " {" + fields + "}" + (unique == null ? "" : " " + unique) + " <- " + inputs;
        Integer id = interned.get(text);
        if (id == null) {
            id = representatives.size();
            interned.put(text, id);
            representatives.add(node);
            consumers.add(new LinkedHashSet<>());
            // an equal subtree seen before has the same consumer edges below it: registered once
            for (int i = 0; i < inputs.size(); i++) {
                consumers.get(inputs.get(i)).add(id + "/" + i);
            }
        }
        ids.put(node, id);
        return id;
    }

    private void findShared(boolean sources) {
        for (int id = 0; id < representatives.size(); id++) {
            if (consumers.get(id).size() < 2) {
                continue;
            }
            RelNode node = representatives.get(id);
            // an exchange alone makes no vertex: its input is built once and each consumer gets its own edge
            shared.add(node instanceof StreamExchange exchange ? ids.get(exchange.getInput()) : id);
        }
        if (!sources) {
            shared.removeIf(id -> representatives.get(id) instanceof StreamTableSourceScan);
        }
    }

    private static String ownTerms(RelNode node) {
        OwnTerms terms = new OwnTerms();
        node.explain(terms);
        return terms.text.toString();
    }

    /** Collects a node's EXPLAIN terms except its inputs, which the digest names by id. */
    private static final class OwnTerms implements RelWriter {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void explain(RelNode rel, List<Pair<String, Object>> valueList) {
            valueList.forEach(pair -> item(pair.left, pair.right));
        }

        @Override
        public SqlExplainLevel getDetailLevel() {
            return SqlExplainLevel.EXPPLAN_ATTRIBUTES;
        }

        @Override
        public RelWriter item(String term, Object value) {
            if (!(value instanceof RelNode)) {
                text.append(text.length() == 0 ? "" : ", ").append(term).append('=').append(value);
            }
            return this;
        }

        @Override
        public RelWriter done(RelNode node) {
            return this;
        }
    }
}
