package dev.warden.core.agent;

import java.time.Instant;

import dev.warden.core.provider.Usage;

/**
 * A past session in the session list.
 *
 * @param id       to pass to {@link ConversationStore#load(String)}
 * @param title    the start of its first prompt
 * @param created  when it started
 * @param updated  when it last changed
 * @param messages how many messages it holds
 * @param usage    tokens billed
 */
public record SessionSummary(String id, String title, Instant created, Instant updated, int messages, Usage usage) {
}
