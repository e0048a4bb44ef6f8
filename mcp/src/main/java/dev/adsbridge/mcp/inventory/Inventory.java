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
 * tools, extra filters (e.g. the token's permissions), then the per-request choice ({@code X-MCP-Readonly},
 * {@code X-MCP-Toolsets} or the path {@code /mcp/x/…}). A request never gets a tool the server hides.
 *
 * <p>Listing is narrower than calling: a request that names no toolsets sees only the default toolsets in
 * {@code tools/list} (a small list for an agent's context), yet may still call any tool the server offers by name.
 */
public final class Inventory {

    private final Map<String, ToolDefinition> tools;
    private final List<ToolFilter> filters;
    private final Set<Toolset> listedByDefault;
    private final List<ToolFilter> listFilters;

    private Inventory(Map<String, ToolDefinition> tools, List<ToolFilter> filters, Set<Toolset> listedByDefault,
                      List<ToolFilter> listFilters) {
        this.tools = tools;
        this.filters = filters;
        this.listedByDefault = listedByDefault;
        this.listFilters = listFilters;
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

    /** The tools this caller sees in {@code tools/list}. */
    public List<ToolDefinition> visibleTo(Caller caller) {
        return tools.values().stream().filter(tool -> isListed(tool, caller)).toList();
    }

    /** Whether {@code tools/list} shows this tool to the caller. */
    public boolean isVisible(String name, Caller caller) {
        ToolDefinition tool = tools.get(name);
        return tool != null && isListed(tool, caller);
    }

    private boolean isListed(ToolDefinition tool, Caller caller) {
        if (!(caller.requestedToolsets().isPresent() || listedByDefault.contains(tool.toolset()))
                || hiddenReason(tool, caller).isPresent()) {
            return false;
        }
        for (ToolFilter filter : listFilters) {
            if (filter.hides(tool, caller).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /** The toolsets listed to a request that names none. */
    public Set<Toolset> listedByDefault() {
        return listedByDefault;
    }

    /** Why this caller may not call the tool, or empty when it may. */
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
        private Set<Toolset> toolsets = java.util.EnumSet.allOf(Toolset.class);
        private Set<Toolset> listed;
        private final Set<String> excluded = new LinkedHashSet<>();
        private final List<ToolFilter> extra = new ArrayList<>();
        private final List<ToolFilter> listOnly = new ArrayList<>();

        private Builder(Collection<ToolDefinition> tools) {
            this.tools = List.copyOf(tools);
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The toolsets the server offers (default: all). */
        public Builder toolsets(Set<Toolset> toolsets) {
            this.toolsets = Set.copyOf(toolsets);
            return this;
        }

        /** The toolsets listed to a request that names none (default: {@link Toolset#defaults()} offered). */
        public Builder listedByDefault(Set<Toolset> listed) {
            this.listed = Set.copyOf(listed);
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
         * A filter of {@code tools/list} only (e.g. the token's permissions): a call of such a tool still runs, and
         * its handler or runner explains the failure in the error category that fits.
         */
        public Builder listFilter(ToolFilter filter) {
            listOnly.add(filter);
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
            Set<Toolset> listedSet = listed != null ? listed
                    : Set.copyOf(Toolset.defaults().stream().filter(toolsets::contains).toList());
            return new Inventory(java.util.Collections.unmodifiableMap(byName), List.copyOf(ordered), listedSet,
                    List.copyOf(listOnly));
        }
    }
}
