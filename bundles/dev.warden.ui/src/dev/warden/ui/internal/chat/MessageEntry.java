package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;

/**
 * One message of the conversation, drawn from Markdown. While an answer streams in, only this entry is rendered
 * again, and only the segments that changed are touched: the rest of the history costs nothing per token.
 */
public final class MessageEntry {

	private final Composite control;
	private final Label header;
	private final org.eclipse.swt.widgets.Link action;
	private Runnable actionRun;
	private final Composite body;
	private final List<Object> segmentControls = new ArrayList<>();
	private final StringBuilder markdown = new StringBuilder();
	private RichText rendered = new RichText(List.of());
	private boolean dirty;

	MessageEntry(Composite parent, String author) {
		control = new Composite(parent, SWT.NONE);
		control.setData(ConversationViewer.ENTRY, this);
		GridLayoutFactory.fillDefaults().margins(0, 4).spacing(0, 4).applyTo(control);
		Composite headerRow = new Composite(control, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(headerRow);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(headerRow);
		header = new Label(headerRow, SWT.NONE);
		header.setText(author);
		header.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
		action = new org.eclipse.swt.widgets.Link(headerRow, SWT.NONE);
		action.setVisible(false);
		action.addListener(SWT.Selection, e -> {
			if (actionRun != null) {
				actionRun.run();
			}
		});
		body = new Composite(control, SWT.NONE);
		GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(body);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(body);
	}

	Composite control() {
		return control;
	}

	/** Adds streamed text; it is drawn at the next {@link #refresh()}. */
	public void append(String text) {
		markdown.append(text);
		dirty = true;
	}

	public void setText(String text) {
		markdown.setLength(0);
		markdown.append(text);
		dirty = true;
	}

	public String markdown() {
		return markdown.toString();
	}

	/** The header line, e.g. to mark an answer that was interrupted. */
	public void setAuthor(String author) {
		header.setText(author);
	}

	/** Offers an action in the entry's header, such as Restore to here on a prompt. */
	public void setAction(String label, Runnable run) {
		actionRun = run;
		action.setText("<a>" + label + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		action.setVisible(true);
		action.getParent().layout(true);
	}

	/** For tests: runs the header's action as a click would. */
	public void runAction() {
		if (actionRun != null) {
			actionRun.run();
		}
	}

	public boolean hasAction() {
		return actionRun != null;
	}

	/** Renders the Markdown again if it changed; returns whether anything changed. */
	boolean refresh() {
		if (!dirty) {
			return false;
		}
		dirty = false;
		RichText next = MarkdownRenderer.render(markdown.toString());
		List<RichText.Segment> segments = next.segments();
		int keep = 0;
		while (keep < segments.size() && keep < segmentControls.size()
				&& sameKind(segments.get(keep), segmentControls.get(keep))) {
			keep++;
		}
		while (segmentControls.size() > keep) {
			Object stale = segmentControls.remove(segmentControls.size() - 1);
			(stale instanceof CodeBlockControl code ? code.control() : (Control) stale).dispose();
		}
		for (int i = 0; i < segments.size(); i++) {
			RichText.Segment segment = segments.get(i);
			if (i < keep && i < rendered.segments().size() && segment.equals(rendered.segments().get(i))) {
				continue;
			}
			if (i >= segmentControls.size()) {
				segmentControls.add(create(segment));
			}
			show(segment, segmentControls.get(i));
		}
		rendered = next;
		body.layout(true, true);
		return true;
	}

	private static boolean sameKind(RichText.Segment segment, Object control) {
		return segment instanceof RichText.CodeBlock ? control instanceof CodeBlockControl : control instanceof StyledText;
	}

	private Object create(RichText.Segment segment) {
		if (segment instanceof RichText.CodeBlock) {
			CodeBlockControl code = new CodeBlockControl(body);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(code.control());
			return code;
		}
		StyledText prose = new StyledText(body, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI);
		prose.setEditable(false);
		prose.setCaret(null);
		prose.addListener(SWT.MouseUp, e -> openLinkAt(prose, e.x, e.y));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(prose);
		return prose;
	}

	private static void show(RichText.Segment segment, Object control) {
		if (segment instanceof RichText.CodeBlock block) {
			((CodeBlockControl) control).show(block);
		} else if (segment instanceof RichText.Prose prose) {
			StyledText text = (StyledText) control;
			text.setText(prose.text());
			text.setStyleRanges(ProseStyler.styles(text.getDisplay(), prose));
		}
	}

	private static void openLinkAt(StyledText text, int x, int y) {
		if (text.getSelectionCount() > 0) {
			return;
		}
		int offset = text.getOffsetAtPoint(new org.eclipse.swt.graphics.Point(x, y));
		if (offset < 0) {
			return;
		}
		var range = text.getStyleRangeAtOffset(offset);
		if (range != null && range.data instanceof String target && (target.startsWith("http://") //$NON-NLS-1$
				|| target.startsWith("https://"))) { //$NON-NLS-1$
			try {
				PlatformUI.getWorkbench().getBrowserSupport().getExternalBrowser().openURL(new java.net.URI(target).toURL());
			} catch (Exception e) {
				text.getDisplay().beep();
			}
		}
	}

	/** For tests: the text of the rendered prose segments and code blocks, in order. */
	public List<String> renderedTexts() {
		List<String> texts = new ArrayList<>();
		for (Object control : segmentControls) {
			texts.add(control instanceof CodeBlockControl code ? code.code() : ((StyledText) control).getText());
		}
		return texts;
	}
}
