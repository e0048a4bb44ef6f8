package dev.adsbridge.mcp.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools a server knows and which of them a given caller may see. Built once per server from
 * {@code AllTools.all()}; every list it returns is sorted by name.
 *
 * <p>Filters run in a fixed order, whatever order the builder methods were called in: read-only, toolsets, excluded
 * tools, extra filters, then the per-request narrowing ({@code X-MCP-Readonly}, {@code X-MCP-Toolsets}). The request
 * filters can only hide more: a header never shows a tool the server hides.
 */
public final class Inventory {

    private final Map<String, ToolDefinition> tools;
    private final List<ToolFilter> filters;

    private Inventory(Map<String, ToolDefinition> tools, List<ToolFilter> filters) {
        this.tools = tools;
        this.filters = filters;
    }

    public static Builder builder(Collection<ToolDefinition> tools) {
        return new Builder(tools);
    }

    /** Every known tool, hidden or not. */
    public List<ToolDefinition> all() {
        return List.copyOf(tools.values());
    }

    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name));
    }

    /** The tools the server offers to a caller that does not narrow them. */
    public List<ToolDefinition> offered() {
        return visibleTo(Caller.anonymous());
    }

    /** The tools this caller sees in {@code tools/list} and may call. */
    public List<ToolDefinition> visibleTo(Caller caller) {
        return tools.values().stream().filter(tool -> hiddenReason(tool, caller).isEmpty()).toList();
    }

    public boolean isVisible(String name, Caller caller) {
        ToolDefinition tool = tools.get(name);
        return tool != null && hiddenReason(tool, caller).isEmpty();
    }

    /** Why this caller may not use the tool, or empty when it may. */
    public Optional<String> hiddenReason(ToolDefinition tool, Caller caller) {
        for (ToolFilter filter : filters) {
            Optional<String> reason = filter.hides(tool, caller);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    /** Collects the server-level choices; {@link #build()} orders the filters. */
    public static final class Builder {
        private final List<ToolDefinition> tools;
        private boolean readOnly;
        private Set<Toolset> toolsets = Toolset.defaults();
        private final Set<String> excluded = new LinkedHashSet<>();
        private final List<ToolFilter> extra = new ArrayList<>();

        private Builder(Collection<ToolDefinition> tools) {
            this.tools = List.copyOf(tools);
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder toolsets(Set<Toolset> toolsets) {
            this.toolsets = Set.copyOf(toolsets);
            return this;
        }

        /** Switches tools off by name. */
        public Builder exclude(Collection<String> names) {
            excluded.addAll(names);
            return this;
        }

        /** Another server-level filter (e.g. permission gating); runs after the built-in ones. */
        public Builder filter(ToolFilter filter) {
            extra.add(filter);
            return this;
        }

        /**
         * @throws IllegalStateException for two tools with one name, or an excluded name no tool has
         */
        public Inventory build() {
            Map<String, ToolDefinition> byName = new LinkedHashMap<>();
            tools.stream().sorted(Comparator.comparing(ToolDefinition::name)).forEach(tool -> {
                if (byName.putIfAbsent(tool.name(), tool) != null) {
                    throw new IllegalStateException("two tools are named " + tool.name());
                }
            });
            for (String name : excluded) {
                if (!byName.containsKey(name)) {
                    throw new IllegalStateException("cannot exclude unknown tool " + name);
                }
            }
            List<ToolFilter> ordered = new ArrayList<>();
            if (readOnly) {
                ordered.add(ToolFilter.readOnly());
            }
            ordered.add(ToolFilter.toolsets(toolsets));
            if (!excluded.isEmpty()) {
                ordered.add(ToolFilter.excluded(excluded));
            }
            ordered.addAll(extra);
            ordered.add(ToolFilter.requestReadOnly());
            ordered.add(ToolFilter.requestToolsets());
            return new Inventory(java.util.Collections.unmodifiableMap(byName), List.copyOf(ordered));
        }
    }
}
