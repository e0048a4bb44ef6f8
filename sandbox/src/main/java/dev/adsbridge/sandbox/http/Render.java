package dev.adsbridge.sandbox.http;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fields=} selection over a node's values: no fields → the type's defaults; an unknown name → (#100)
 * nonexisting field; a name that is a GET edge of the type (insights, adsets, …) → field expansion through
 * {@link GraphApi#expand}. Fields the node has no value for are left out, as Meta does. A node read with
 * {@code metadata=1} adds {@code "metadata":{"type":"campaign|adset|ad|adcreative|adaccount|…"}}.
 */
public final class Render {

    private Render() {
    }

    /**
     * @param values the node's stored fields plus any computed ones (effective_status, …)
     */
    public static Map<String, Object> select(GraphCall call, Node node, Map<String, Object> values,
                                             List<FieldSpec> fields) {
        NodeType type = node.type();
        List<FieldSpec> wanted = fields.isEmpty()
                ? type.defaultFields().stream().map(FieldSpec::simple).toList()
                : fields;
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldSpec spec : wanted) {
            String name = spec.name();
            if (type.hasField(name)) {
                Object value = values.get(name);
                if (value != null) {
                    out.put(name, value);
                }
            } else if (call.api().hasEdge(type, name)) {
                out.put(name, call.api().expand(call, node, spec));
            } else {
                throw GraphErrors.nonexistingField(name, type.graphName());
            }
        }
        if (!out.containsKey("id") && values.containsKey("id") && type != NodeType.AD_IMAGE) {
            out.put("id", values.get("id"));
        }
        if (call.edge() == null && call.param("metadata").filter(v -> v.equals("1") || v.equals("true")).isPresent()) {
            // Graph's introspection: a node read with metadata=1 says what type the node is.
            out.put("metadata", Map.of("type", type.graphName().toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }
}
