package dev.warden.ui.internal.chat;

import java.util.List;

/**
 * Markdown turned into what the chat view draws: prose with styled ranges, and code blocks drawn apart with their
 * own Copy and Insert actions. Independent of SWT so that it can be checked without a display.
 */
public record RichText(List<Segment> segments) {

	public RichText {
		segments = List.copyOf(segments);
	}

	/** A part of a message. */
	public sealed interface Segment permits Prose, CodeBlock {
	}

	/** Flowing text with styled ranges. */
	public record Prose(String text, List<Span> spans) implements Segment {
		public Prose {
			spans = List.copyOf(spans);
		}
	}

	/** A fenced or indented code block; {@code language} is empty when the fence named none. */
	public record CodeBlock(String language, String code) implements Segment {
	}

	/** How a range of prose looks. */
	public enum Style {
		BOLD, ITALIC, CODE, LINK, HEADING, QUOTE
	}

	/** A styled range of a {@link Prose}; {@code target} is the address of a link, else empty. */
	public record Span(int start, int length, Style style, String target) {
	}
}
