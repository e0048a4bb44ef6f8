package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an ad's actions are credited to when the action lists are split by something of the ad itself:
 * <ul>
 *   <li>action_target_id / action_destination: the Page the ad runs as (its creative's page): the destination of
 *       the on-Meta actions people take on the ad (Insights API Breakdowns: "This could be your Facebook Page, an
 *       external URL for your conversion pixel or an app"; off-Meta ones carry no value, see
 *       {@link ActionBreakdown#onMetaOnly()}).</li>
 *   <li>action_carousel_card_id / action_carousel_card_name: the cards of a carousel creative (the
 *       {@code child_attachments} of its {@code link_data}); "Each child_attachment has a different card ID", the
 *       cards "are identified by their headlines" (the attachment's {@code name}). An ad that is no carousel has no
 *       card to credit.</li>
 * </ul>
 */
final class AdParts {

    /** A carousel card as insights name it: its position ("1", "2", …) and its headline. */
    record Card(String id, String name) {
    }

    private AdParts() {
    }

    /** The part an ad's actions are credited to for this query: its Page id, its carousel creative's id, or "". */
    static String partOf(SandboxStore store, Node ad, InsightsQuery query) {
        Node creative = creativeOf(store, ad);
        if (creative == null) {
            return "";
        }
        if (query.splitsActions(ActionBreakdown.CAROUSEL_CARD_ID)
                || query.splitsActions(ActionBreakdown.CAROUSEL_CARD_NAME)) {
            return cards(creative).isEmpty() ? "" : creative.id();
        }
        String page = creative.getString("actor_id");
        if (page == null && creative.get("object_story_spec") instanceof Map<?, ?> spec
                && spec.get("page_id") != null) {
            page = spec.get("page_id").toString();
        }
        return page == null ? "" : page;
    }

    /** The cards of a carousel creative, in order; empty for any other creative. */
    static List<Card> cards(Node creative) {
        List<Card> cards = new ArrayList<>();
        if (creative != null && creative.get("object_story_spec") instanceof Map<?, ?> spec
                && spec.get("link_data") instanceof Map<?, ?> link
                && link.get("child_attachments") instanceof List<?> children) {
            for (Object child : children) {
                if (child instanceof Map<?, ?> card) {
                    Object name = card.get("name") != null ? card.get("name") : card.get("link");
                    cards.add(new Card(Integer.toString(cards.size() + 1), name == null ? "" : name.toString()));
                }
            }
        }
        return cards.size() >= 2 ? cards : List.of();
    }

    private static Node creativeOf(SandboxStore store, Node ad) {
        if (ad.get("creative") instanceof Map<?, ?> creative && creative.get("id") != null) {
            return store.node(creative.get("id").toString()).orElse(null);
        }
        return null;
    }
}
