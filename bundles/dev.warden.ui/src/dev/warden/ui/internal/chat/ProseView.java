package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.LineStyleEvent;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.PlatformUI;

/**
 * A run of prose of a message in a wrapping {@link StyledText}, kept cheap to change while an answer streams in:
 * <ul>
 * <li>a new text is applied as the difference from the one shown, so that appending to a long paragraph costs the
 * widget the new characters;</li>
 * <li>styles are handed out line by line from a {@code LineStyleListener} rather than set on the widget, which would
 * lay out the caret's line and ask the window system where the pointer is on every change;</li>
 * <li>the layout gets the height from the heights of the lines, which the widget keeps and measures again only for
 * the lines that changed; its own {@code computeSize} lays out every line, twice per layout (at the width hint and
 * at the real width).</li>
 * </ul>
 */
final class ProseView {

	private final StyledText text;
	private RichText.Prose shown;
	private StyleRange[] styles = new StyleRange[0];
	/** The width the height hint was measured at, or -1 when the layout measures the widget itself. */
	private int hintWidth = -1;

	/** A prose view at the end of {@code parent}, {@code indent} pixels below the control before it. */
	ProseView(Composite parent, int indent) {
		text = new StyledText(parent, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI);
		text.setEditable(false);
		text.setCaret(null);
		text.addLineStyleListener(this::lineStyles);
		text.addListener(SWT.MouseUp, e -> openLinkAt(e.x, e.y));
		text.addListener(SWT.Resize, e -> forgetHeightAtOtherWidth());
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).indent(0, indent).applyTo(text);
		// wrap at about the width the layout will give: a new widget is 0 px wide, and wrapping text at that width
		// costs a line of layout per character
		text.setSize(estimatedWidth(parent), text.getLineHeight());
	}

	/** The width of {@code parent}, or while it has none, that of the nearest ancestor that has one less its margins. */
	private static int estimatedWidth(Composite parent) {
		int margins = 0;
		for (Composite composite = parent; composite != null; composite = composite.getParent()) {
			int width = composite.getClientArea().width;
			if (width > 0) {
				return Math.max(1, width - margins);
			}
			if (composite.getParent() != null && composite.getParent().getLayout() instanceof GridLayout grid) {
				margins += 2 * grid.marginWidth + grid.marginLeft + grid.marginRight;
			}
		}
		return 1;
	}

	StyledText control() {
		return text;
	}

	String text() {
		return text.getText();
	}

	/** Shows {@code prose}, changing only what differs from what is shown. */
	void show(RichText.Prose prose) {
		StyleRange[] next = ProseStyler.styles(text.getDisplay(), prose);
		StyleRange[] before = styles;
		styles = next;
		if (shown == null) {
			text.setText(prose.text());
		} else {
			String old = shown.text();
			String now = prose.text();
			int same = 0;
			int common = Math.min(old.length(), now.length());
			while (same < common && old.charAt(same) == now.charAt(same)) {
				same++;
			}
			if (same < old.length() || same < now.length()) {
				text.replaceTextRange(same, old.length() - same, now.substring(same));
			}
			int restyled = firstDifference(before, next);
			if (restyled < same) {
				// lines whose text stayed but whose styles changed, e.g. a bold span closed further on
				text.redrawRange(restyled, same - restyled, false);
			}
		}
		shown = prose;
		rememberHeight();
	}

	/** Where the styles first differ, or {@link Integer#MAX_VALUE} when they are the same. */
	private static int firstDifference(StyleRange[] before, StyleRange[] after) {
		int i = 0;
		while (i < before.length && i < after.length && before[i].equals(after[i])) {
			i++;
		}
		int offset = Integer.MAX_VALUE;
		if (i < before.length) {
			offset = before[i].start;
		}
		if (i < after.length) {
			offset = Math.min(offset, after[i].start);
		}
		return offset;
	}

	private void lineStyles(LineStyleEvent event) {
		event.styles = stylesWithin(event.lineOffset, event.lineOffset + event.lineText.length());
	}

	/** The style ranges that fall within {@code [start, end)}, cut to it. */
	private StyleRange[] stylesWithin(int start, int end) {
		int low = 0;
		int high = styles.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (styles[middle].start + styles[middle].length <= start) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}
		List<StyleRange> within = new ArrayList<>();
		for (int i = low; i < styles.length && styles[i].start < end; i++) {
			StyleRange range = styles[i];
			int from = Math.max(range.start, start);
			int to = Math.min(range.start + range.length, end);
			if (from == range.start && to == range.start + range.length) {
				within.add(range);
			} else if (from < to) {
				StyleRange cut = (StyleRange) range.clone();
				cut.start = from;
				cut.length = to - from;
				within.add(cut);
			}
		}
		return within.toArray(StyleRange[]::new);
	}

	/** Gives the layout the height of the lines at the present width (it adds the margins); none while 0 px wide. */
	private void rememberHeight() {
		GridData data = (GridData) text.getLayoutData();
		if (text.getClientArea().width <= 0) {
			data.heightHint = SWT.DEFAULT;
			hintWidth = -1;
			return;
		}
		data.heightHint = Math.max(1, text.getLinePixel(text.getLineCount()) - text.getLinePixel(0));
		hintWidth = text.getSize().x;
	}

	/** A height measured at another width is wrong: the layout measures the widget again. */
	private void forgetHeightAtOtherWidth() {
		if (hintWidth >= 0 && hintWidth != text.getSize().x) {
			((GridData) text.getLayoutData()).heightHint = SWT.DEFAULT;
			hintWidth = -1;
			text.requestLayout();
		}
	}

	private void openLinkAt(int x, int y) {
		if (text.getSelectionCount() > 0) {
			return;
		}
		int offset = text.getOffsetAtPoint(new Point(x, y));
		if (offset < 0) {
			return;
		}
		for (StyleRange range : stylesWithin(offset, offset + 1)) {
			if (range.data instanceof String target && (target.startsWith("http://") //$NON-NLS-1$
					|| target.startsWith("https://"))) { //$NON-NLS-1$
				try {
					PlatformUI.getWorkbench().getBrowserSupport().getExternalBrowser().openURL(new java.net.URI(target).toURL());
				} catch (Exception e) {
					text.getDisplay().beep();
				}
			}
		}
	}
}
