package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.warden.ui.internal.UI;

/**
 * The scrolling conversation: user messages, answers rendered from Markdown, tool cards, approvals and questions.
 * Entries are separate widgets, so new text only re-renders its own entry; {@link #refresh()} is called in batches
 * by the view, never per token.
 * <p>
 * A long chat keeps widgets only for its newest prompts ({@link #trimToLatestPrompts}): the entries of earlier ones are
 * disposed and a line at the top says how many are not shown, with a link that shows them again. The conversation
 * itself is untouched; this bounds the memory and the layout work a chat of hundreds of turns costs the view.
 */
public final class ConversationViewer {

	private final ScrolledComposite scrolled;
	private final Composite content;

	public ConversationViewer(Composite parent) {
		scrolled = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.BORDER);
		scrolled.setExpandHorizontal(true);
		scrolled.setExpandVertical(false);
		content = new Composite(scrolled, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(8, 6).spacing(0, 8).applyTo(content);
		scrolled.setContent(content);
		scrolled.addListener(SWT.Resize, e -> {
			// only a new width wraps the entries' text anew; a new height (a line shown or hidden above the input)
			// changes nothing inside
			if (scrolled.getClientArea().width != laidOutWidth) {
				resize(false);
			}
		});
		scrolled.getVerticalBar().setIncrement(16);
	}

	public Control getControl() {
		return scrolled;
	}

	public MessageEntry addUserMessage(String text) {
		MessageEntry entry = add(new MessageEntry(content, ChatMessages.ChatView_you));
		entry.setText(text);
		entry.control().setData(PROMPT, Boolean.TRUE);
		return entry;
	}

	/**
	 * Disposes the entries before the newest {@code keep} prompts (and what came before the first prompt).
	 *
	 * @return how many prompts were let go
	 */
	public int trimToLatestPrompts(int keep) {
		Control[] children = content.getChildren();
		List<Integer> prompts = new ArrayList<>();
		for (int i = 0; i < children.length; i++) {
			if (children[i].getData(PROMPT) != null) {
				prompts.add(i);
			}
		}
		int let = prompts.size() - Math.max(0, keep);
		if (let <= 0) {
			return 0;
		}
		int cut = keep <= 0 ? children.length : prompts.get(let);
		for (int i = 0; i < cut; i++) {
			if (children[i] != earlier) {
				children[i].dispose();
			}
		}
		return let;
	}

	/**
	 * Shows, at the top, that {@code hiddenPrompts} earlier prompts are not shown, with a link that runs
	 * {@code showThem}; {@code 0} removes the line.
	 */
	public void setEarlierPrompts(int hiddenPrompts, Runnable showThem) {
		if (hiddenPrompts <= 0) {
			if (earlier != null && !earlier.isDisposed()) {
				earlier.dispose();
			}
			earlier = null;
			return;
		}
		if (earlier == null || earlier.isDisposed()) {
			earlier = new org.eclipse.swt.widgets.Link(content, SWT.WRAP);
			earlier.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
			earlier.addListener(SWT.Selection, e -> {
				if (earlier.getData(EARLIER) instanceof Runnable action) {
					action.run();
				}
			});
			GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(earlier);
		}
		Control[] children = content.getChildren();
		if (children[0] != earlier) {
			earlier.moveAbove(children[0]);
		}
		String text = hiddenPrompts == 1 ? ChatMessages.Chat_earlierPrompt
				: org.eclipse.osgi.util.NLS.bind(ChatMessages.Chat_earlierPrompts, hiddenPrompts);
		earlier.setText(text + "  <a>" + ChatMessages.Chat_showEarlier + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		earlier.setData(EARLIER, showThem);
	}

	/** For tests: the line saying how many earlier prompts are not shown, if there is one. */
	public java.util.Optional<String> earlierPrompts() {
		return earlier == null || earlier.isDisposed() ? java.util.Optional.empty()
				: java.util.Optional.of(earlier.getText().replaceAll("</?a>", "")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** For tests: follows the link of the line of earlier prompts, as a click would. */
	public boolean showEarlierPrompts() {
		if (earlier != null && !earlier.isDisposed() && earlier.getData(EARLIER) instanceof Runnable action) {
			action.run();
			return true;
		}
		return false;
	}

	static final String PROMPT = "dev.warden.ui.chat.prompt"; //$NON-NLS-1$
	private static final String EARLIER = "dev.warden.ui.chat.earlier"; //$NON-NLS-1$
	/** The line of earlier prompts not shown, while there is one. */
	private org.eclipse.swt.widgets.Link earlier;

	public MessageEntry addAssistantMessage() {
		return add(new MessageEntry(content, ChatMessages.Chat_assistant));
	}

	public ToolCard addToolCard(String summary) {
		ToolCard card = new ToolCard(content, summary);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(card.control());
		return card;
	}

	/** Adds a line of information from Warden itself (an error, a retry, an interruption), set apart from the answers. */
	public void addNotice(String text) {
		org.eclipse.swt.widgets.Label notice = new org.eclipse.swt.widgets.Label(content, SWT.WRAP);
		notice.setText(UI.literal(text));
		notice.setForeground(content.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(notice);
	}

	/** A notice with one action, e.g. offering to remove the messages after a restored checkpoint. */
	public void addNotice(String text, String actionLabel, Runnable action) {
		org.eclipse.swt.widgets.Link notice = new org.eclipse.swt.widgets.Link(content, SWT.WRAP);
		notice.setText(UI.literal(text).replace("<", "&lt;") + "  <a>" + actionLabel + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		notice.addListener(SWT.Selection, e -> {
			notice.setEnabled(false);
			action.run();
		});
		notice.setData(NOTICE_ACTION, action);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(notice);
	}

	static final String NOTICE_ACTION = "dev.warden.ui.chat.noticeAction"; //$NON-NLS-1$

	/** For tests: runs the action of the newest notice that has one, as a click on its link would. */
	public boolean runLastNoticeAction() {
		Control[] children = content.getChildren();
		for (int i = children.length - 1; i >= 0; i--) {
			if (children[i].getData(NOTICE_ACTION) instanceof Runnable action) {
				action.run();
				return true;
			}
		}
		return false;
	}

	/** For tests: the notices shown, in order. */
	public List<String> notices() {
		List<String> texts = new ArrayList<>();
		for (Control child : content.getChildren()) {
			if (child instanceof org.eclipse.swt.widgets.Label label && child.getData(ENTRY) == null) {
				texts.add(label.getText().replace("&&", "&")); //$NON-NLS-1$ //$NON-NLS-2$
			} else if (child instanceof org.eclipse.swt.widgets.Link link && child != earlier) {
				texts.add(link.getText().replaceAll("</?a>", "").replace("&lt;", "<").replace("&&", "&")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			}
		}
		return texts;
	}

	/** For tests: the entries (messages, tool cards, cards) in order. */
	public List<Object> entries() {
		List<Object> entries = new ArrayList<>();
		for (Control child : content.getChildren()) {
			if (child.getData(ENTRY) != null) {
				entries.add(child.getData(ENTRY));
			}
		}
		return entries;
	}

	/** Adds an entry of another kind (an approval, a question, a notice) built by {@code factory}. */
	public <C extends Control> C addControl(Function<Composite, C> factory) {
		C control = factory.apply(content);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(control);
		return control;
	}

	/**
	 * Adds a card (an approval, a question) that {@code factory} builds on the conversation's content; the card's
	 * control is found through {@link #ENTRY} data or is the returned object itself.
	 */
	public Object addCard(Function<Composite, Object> factory) {
		Object card = factory.apply(content);
		Control[] children = content.getChildren();
		GridDataFactory.fillDefaults().grab(true, false).applyTo(children[children.length - 1]);
		return card instanceof Control control && control.getData(ENTRY) != null ? control.getData(ENTRY) : card;
	}

	private MessageEntry add(MessageEntry entry) {
		GridDataFactory.fillDefaults().grab(true, false).applyTo(entry.control());
		return entry;
	}

	public void clear() {
		for (Control child : content.getChildren()) {
			child.dispose();
		}
		earlier = null;
		resize(false);
	}

	/** Shows the start of the conversation. */
	public void scrollToStart() {
		scrolled.setOrigin(0, 0);
	}

	/**
	 * Draws what changed since the last call, and keeps the newest entry in sight when the user was at the end. Only
	 * the controls that changed and the entries added since are laid out again: the rest of the history keeps its
	 * cached sizes, so a batch costs the same early and late in a long conversation.
	 */
	public void refresh() {
		List<Control> changed = new ArrayList<>();
		Control[] children = content.getChildren();
		for (Control child : children) {
			Object entry = child.getData(ENTRY);
			if (entry instanceof MessageEntry message) {
				message.refresh(changed);
			} else if (entry instanceof ToolCard card) {
				boolean statusChanged = !card.status().equals(child.getData(LAID_OUT_STATUS));
				if (card.refresh() || statusChanged) {
					child.setData(LAID_OUT_STATUS, card.status());
					card.control().layout(true, true);
					changed.add(child);
				}
			}
		}
		int kept = keptFromLastLayout(children, changed);
		if (kept < 0) {
			resize(true);
			return;
		}
		changed.addAll(Arrays.asList(children).subList(kept, children.length));
		if (changed.isEmpty() || scrolled.isDisposed()) {
			return;
		}
		boolean atEnd = isAtEnd();
		content.layout(changed.toArray(Control[]::new));
		Point size = content.computeSize(Math.max(1, scrolled.getClientArea().width), SWT.DEFAULT, false);
		show(size, atEnd);
		laidOut = children;
	}

	static final String ENTRY = "dev.warden.ui.chat.entry"; //$NON-NLS-1$
	private static final String LAID_OUT_STATUS = "dev.warden.ui.chat.laidOutStatus"; //$NON-NLS-1$
	/** The entries as they were at the last layout. */
	private Control[] laidOut = new Control[0];

	/**
	 * Whether the entries are those of the last layout, less some at the top (the oldest prompts let go, see
	 * {@link #trimToLatestPrompts}), with new ones after them and perhaps the line of earlier prompts above them
	 * (added to {@code changed}): then only those are laid out again. Returns how many entries at the start are
	 * laid out already (the line of earlier prompts included), or -1 when the entries changed otherwise.
	 */
	private int keptFromLastLayout(Control[] children, List<Control> changed) {
		int next = 0;
		if (children.length > 0 && children[0] == earlier) {
			changed.add(earlier); // new, or its count changed
			next = 1;
		}
		for (Control before : laidOut) {
			if (before.isDisposed() || before == earlier) {
				continue;
			}
			if (next >= children.length || children[next] != before) {
				return -1;
			}
			next++;
		}
		return next;
	}

	/** The width of the scrolled area at the last layout of every entry. */
	private int laidOutWidth = -1;

	private void resize(boolean followEnd) {
		if (scrolled.isDisposed()) {
			return;
		}
		boolean atEnd = isAtEnd();
		Rectangle area = scrolled.getClientArea();
		laidOutWidth = area.width;
		content.layout(true, true);
		Point size = content.computeSize(Math.max(1, area.width), SWT.DEFAULT);
		show(size, followEnd && atEnd);
		laidOut = content.getChildren();
	}

	private void show(Point size, boolean followEnd) {
		if (!size.equals(content.getSize())) {
			content.setSize(size);
			scrolled.setMinSize(size);
		}
		if (followEnd) {
			scrolled.setOrigin(0, Math.max(0, size.y - scrolled.getClientArea().height));
		}
	}

	private boolean isAtEnd() {
		Point origin = scrolled.getOrigin();
		return origin.y + scrolled.getClientArea().height >= content.getSize().y - 24;
	}

	public void scrollToEnd() {
		scrolled.setOrigin(0, Math.max(0, content.getSize().y - scrolled.getClientArea().height));
	}
}
