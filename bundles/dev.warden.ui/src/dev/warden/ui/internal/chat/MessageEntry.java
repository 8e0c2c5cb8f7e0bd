package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * One message of the conversation, drawn from Markdown. While an answer streams in, only this entry is rendered
 * again, and only its tail: the top-level blocks that became final are drawn once into prose chunks and code blocks
 * and never parsed again, and the text widget showing the tail is changed by the difference alone. A prose chunk
 * takes final blocks until it holds about {@value #CHUNK_CHARS} characters, so that no single widget, and no
 * relayout, grows with the length of the answer.
 * <p>
 * What the model reasoned before it answered is kept apart from the answer: folded under it behind a
 * <em>Show reasoning</em> link, in a text widget of its own, never in the Markdown of the answer.
 */
public final class MessageEntry {

	/** How much prose one text widget takes before the next final block starts a new one. */
	static final int CHUNK_CHARS = 4000;

	private final Composite control;
	private final Label header;
	private final org.eclipse.swt.widgets.Link action;
	private Runnable actionRun;
	private final Composite body;
	private final StringBuilder markdown = new StringBuilder();
	/** The final segments, prose merged into chunks; the last one may still take more final prose. */
	private final List<RichText.Segment> committed = new ArrayList<>();
	/** How many characters of {@link #markdown} the committed segments render. */
	private int committedSource;
	/** One view per displayed segment: a {@link ProseView} for prose, a {@link CodeBlockControl} for code. */
	private final List<Object> segmentControls = new ArrayList<>();
	/** What each view shows now. */
	private final List<RichText.Segment> shown = new ArrayList<>();
	private boolean dirty;
	/** The reasoning fold: a link that opens or closes it and the reasoning's text; hidden until reasoning arrives. */
	private final org.eclipse.swt.widgets.Link reasoningToggle;
	private final StyledText reasoningText;
	private final StringBuilder reasoning = new StringBuilder();
	private final StringBuilder pendingReasoning = new StringBuilder();

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
		reasoningToggle = new org.eclipse.swt.widgets.Link(control, SWT.NONE);
		reasoningToggle.addListener(SWT.Selection, e -> setReasoningVisible(!isReasoningVisible()));
		GridDataFactory.fillDefaults().exclude(true).applyTo(reasoningToggle);
		reasoningToggle.setVisible(false);
		reasoningText = new StyledText(control, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP);
		reasoningText.setForeground(control.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
		reasoningText.setLeftMargin(8);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).exclude(true).applyTo(reasoningText);
		reasoningText.setVisible(false);
	}

	/** Adds streamed reasoning; it is drawn, folded, at the next {@link #refresh(List)}. */
	public void appendReasoning(String text) {
		pendingReasoning.append(text);
	}

	/** The reasoning shown in the fold. */
	public String reasoning() {
		return reasoning.toString() + pendingReasoning;
	}

	public boolean isReasoningVisible() {
		return reasoningText.isVisible();
	}

	/** Opens or closes the reasoning fold, as its link does. */
	public void setReasoningVisible(boolean visible) {
		if (reasoning.isEmpty()) {
			return;
		}
		reasoningText.setVisible(visible);
		((GridData) reasoningText.getLayoutData()).exclude = !visible;
		updateReasoningToggle();
		ChatLayout.entryChanged(control);
	}

	private void updateReasoningToggle() {
		int words = reasoning.toString().strip().split("\\s+").length; //$NON-NLS-1$
		reasoningToggle.setText("<a>" + NLS.bind(isReasoningVisible() ? ChatMessages.Chat_hideReasoning //$NON-NLS-1$
				: ChatMessages.Chat_showReasoning, words) + "</a>"); //$NON-NLS-1$
	}

	/** Draws reasoning that arrived since the last refresh; returns whether the entry's size may have changed. */
	private boolean refreshReasoning() {
		if (pendingReasoning.isEmpty()) {
			return false;
		}
		reasoning.append(pendingReasoning);
		reasoningText.append(pendingReasoning.toString());
		pendingReasoning.setLength(0);
		if (!reasoningToggle.isVisible()) {
			reasoningToggle.setVisible(true);
			((GridData) reasoningToggle.getLayoutData()).exclude = false;
		}
		updateReasoningToggle();
		control.layout(true, false);
		return true;
	}

	Composite control() {
		return control;
	}

	/** Adds streamed text; it is drawn at the next {@link #refresh(List)}. */
	public void append(String text) {
		markdown.append(text);
		dirty = true;
	}

	public void setText(String text) {
		markdown.setLength(0);
		markdown.append(text);
		committed.clear();
		committedSource = 0;
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

	/**
	 * Draws the text that arrived since the last call; adds the controls whose size may have changed to
	 * {@code changed} (the conversation lays out just those) and returns whether anything changed.
	 */
	boolean refresh(List<Control> changed) {
		boolean reasoningChanged = refreshReasoning();
		if (reasoningChanged) {
			changed.add(control);
		}
		if (!dirty) {
			return reasoningChanged;
		}
		dirty = false;
		int first = committed.isEmpty() || isFull(committed.get(committed.size() - 1)) ? committed.size() : committed.size() - 1;
		first = Math.min(first, segmentControls.size());
		MarkdownRenderer.Split split = MarkdownRenderer.renderStreaming(markdown.substring(committedSource));
		for (RichText.Segment segment : split.stable().segments()) {
			add(committed, segment);
		}
		committedSource += split.stableLength();
		List<RichText.Segment> wanted = new ArrayList<>(committed.subList(first, committed.size()));
		for (RichText.Segment segment : split.live().segments()) {
			add(wanted, segment);
		}
		List<Control> resized = new ArrayList<>();
		boolean removed = false;
		for (int k = 0; k < wanted.size(); k++) {
			int i = first + k;
			RichText.Segment segment = wanted.get(k);
			if (i < segmentControls.size() && !sameKind(segment, segmentControls.get(i))) {
				removed |= removeFrom(i);
			}
			if (i == segmentControls.size()) {
				segmentControls.add(create(segment, i));
				shown.add(null);
			}
			if (!segment.equals(shown.get(i))) {
				resized.add(show(i, segment));
			}
		}
		removed |= removeFrom(first + wanted.size());
		if (!resized.isEmpty()) {
			body.layout(resized.toArray(Control[]::new));
		} else if (removed) {
			body.layout(false);
		} else {
			return reasoningChanged;
		}
		changed.add(body);
		return true;
	}

	/** Whether prose after {@code segment} goes into a control of its own. */
	private static boolean isFull(RichText.Segment segment) {
		return !(segment instanceof RichText.Prose prose) || prose.text().length() >= CHUNK_CHARS;
	}

	/** Adds {@code segment} to {@code segments}, merging prose into the last prose chunk while it has room. */
	private static void add(List<RichText.Segment> segments, RichText.Segment segment) {
		int last = segments.size() - 1;
		if (segment instanceof RichText.Prose prose && last >= 0 && !isFull(segments.get(last))) {
			segments.set(last, join((RichText.Prose) segments.get(last), prose));
		} else {
			segments.add(segment);
		}
	}

	private static RichText.Prose join(RichText.Prose first, RichText.Prose second) {
		int shift = first.text().length() + MarkdownRenderer.BLOCK_SEPARATOR.length();
		List<RichText.Span> spans = new ArrayList<>(first.spans().size() + second.spans().size());
		spans.addAll(first.spans());
		for (RichText.Span span : second.spans()) {
			spans.add(new RichText.Span(span.start() + shift, span.length(), span.style(), span.target()));
		}
		return new RichText.Prose(first.text() + MarkdownRenderer.BLOCK_SEPARATOR + second.text(), spans);
	}

	/** Disposes the views from {@code index} on; returns whether there were any. */
	private boolean removeFrom(int index) {
		boolean any = false;
		while (segmentControls.size() > index) {
			int last = segmentControls.size() - 1;
			Object stale = segmentControls.remove(last);
			shown.remove(last);
			(stale instanceof CodeBlockControl code ? code.control() : ((ProseView) stale).control()).dispose();
			any = true;
		}
		return any;
	}

	private static boolean sameKind(RichText.Segment segment, Object view) {
		return segment instanceof RichText.CodeBlock ? view instanceof CodeBlockControl : view instanceof ProseView;
	}

	private Object create(RichText.Segment segment, int index) {
		if (segment instanceof RichText.CodeBlock) {
			CodeBlockControl code = new CodeBlockControl(body);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(code.control());
			return code;
		}
		// a chunk that continues the prose before it is set off as a paragraph is, by one empty line
		int indent = index > 0 && segmentControls.get(index - 1) instanceof ProseView before
				? Math.max(0, before.control().getLineHeight() - ((GridLayout) body.getLayout()).verticalSpacing)
				: 0;
		return new ProseView(body, indent);
	}

	/** Shows {@code segment} in the view at {@code index}; returns the control whose size may have changed. */
	private Control show(int index, RichText.Segment segment) {
		Object view = segmentControls.get(index);
		shown.set(index, segment);
		if (segment instanceof RichText.CodeBlock block) {
			CodeBlockControl code = (CodeBlockControl) view;
			code.show(block);
			code.control().layout(true);
			return code.control();
		}
		ProseView prose = (ProseView) view;
		prose.show((RichText.Prose) segment);
		return prose.control();
	}

	/**
	 * For tests: the text of the rendered prose segments and code blocks, in order; prose drawn in several chunks is
	 * given as the one segment it is.
	 */
	public List<String> renderedTexts() {
		List<String> texts = new ArrayList<>();
		boolean lastWasProse = false;
		for (Object view : segmentControls) {
			if (view instanceof CodeBlockControl code) {
				texts.add(code.code());
				lastWasProse = false;
			} else if (lastWasProse) {
				int last = texts.size() - 1;
				texts.set(last, texts.get(last) + MarkdownRenderer.BLOCK_SEPARATOR + ((ProseView) view).text());
			} else {
				texts.add(((ProseView) view).text());
				lastWasProse = true;
			}
		}
		return texts;
	}
}
