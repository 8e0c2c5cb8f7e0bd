package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

import dev.warden.ui.internal.chat.RichText.Span;
import dev.warden.ui.internal.chat.RichText.Style;

/**
 * Turns the possibly nested spans of a {@link RichText.Prose} into the non-overlapping {@link StyleRange}s that
 * {@code StyledText} needs, using the workbench's fonts and colours so that light and dark themes both look right.
 */
final class ProseStyler {

	private static final int BOLD = 1, ITALIC = 2, CODE = 4, LINK = 8, HEADING = 16, QUOTE = 32;

	private ProseStyler() {
	}

	static StyleRange[] styles(Display display, RichText.Prose prose) {
		int length = prose.text().length();
		int[] flags = new int[length];
		String[] targets = new String[length];
		for (Span span : prose.spans()) {
			int flag = flag(span.style());
			for (int i = span.start(); i < Math.min(length, span.start() + span.length()); i++) {
				flags[i] |= flag;
				if (span.style() == Style.LINK) {
					targets[i] = span.target();
				}
			}
		}
		List<StyleRange> ranges = new ArrayList<>();
		int start = 0;
		while (start < length) {
			int end = start + 1;
			while (end < length && flags[end] == flags[start] && same(targets[end], targets[start])) {
				end++;
			}
			if (flags[start] != 0) {
				ranges.add(range(display, start, end - start, flags[start], targets[start]));
			}
			start = end;
		}
		return ranges.toArray(StyleRange[]::new);
	}

	private static boolean same(String a, String b) {
		return a == null ? b == null : a.equals(b);
	}

	private static int flag(Style style) {
		return switch (style) {
		case BOLD -> BOLD;
		case ITALIC -> ITALIC;
		case CODE -> CODE;
		case LINK -> LINK;
		case HEADING -> HEADING;
		case QUOTE -> QUOTE;
		};
	}

	private static StyleRange range(Display display, int start, int length, int flags, String target) {
		StyleRange range = new StyleRange();
		range.start = start;
		range.length = length;
		if ((flags & (BOLD | HEADING)) != 0) {
			range.fontStyle |= SWT.BOLD;
		}
		if ((flags & ITALIC) != 0) {
			range.fontStyle |= SWT.ITALIC;
		}
		if ((flags & HEADING) != 0) {
			range.font = JFaceResources.getHeaderFont();
		}
		if ((flags & CODE) != 0) {
			range.font = JFaceResources.getTextFont();
			range.background = codeBackground(display);
		}
		if ((flags & QUOTE) != 0) {
			range.foreground = display.getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW);
		}
		if ((flags & LINK) != 0) {
			range.underline = true;
			range.underlineStyle = SWT.UNDERLINE_LINK;
			range.foreground = JFaceColors.getHyperlinkText(display);
			range.data = target;
		}
		return range;
	}

	static Color codeBackground(Display display) {
		return display.getSystemColor(SWT.COLOR_WIDGET_BACKGROUND);
	}
}
