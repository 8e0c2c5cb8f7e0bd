package dev.warden.ui.internal.chat;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import dev.warden.ui.internal.UI;

/**
 * A compact card for one thing the agent did: "Read Foo.java lines 1–80", "Ran mvn test → exit 0" with its output
 * folded away, "Edited 3 files → Review".
 */
public final class ToolCard {

	/** The output kept for a card; a command's full output stays in the tool result the model got. */
	static final int OUTPUT_LIMIT = 64 * 1024;

	/*
	 * Memory: a long chat has a card per tool call, and a text widget holds two bytes a character and more. The output
	 * is therefore kept as one string (a finished call's is the very string of the tool result the conversation holds,
	 * so it costs nothing more) and put into the text widget only while the user has it unfolded. The text widget
	 * itself is made when the output is first unfolded: most cards are never unfolded, and a text widget is the
	 * dearest control of a card to make, style and lay out.
	 */
	private final Composite control;
	private final Label summary;
	private final Label status;
	private final Link toggle;
	/** The unfolded output, or null until the output is first unfolded. */
	private StyledText output;
	private final StringBuilder pendingOutput = new StringBuilder();
	private String shownOutput = ""; //$NON-NLS-1$
	private String finalOutput;
	private Runnable action;
	private String showLabel = ChatMessages.Chat_showOutput;
	private String hideLabel = ChatMessages.Chat_hideOutput;

	ToolCard(Composite parent, String text) {
		control = new Composite(parent, SWT.BORDER);
		control.setData(ConversationViewer.ENTRY, this);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 3).spacing(6, 2).applyTo(control);
		summary = new Label(control, SWT.WRAP);
		summary.setText(UI.literal(text));
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(summary);
		status = new Label(control, SWT.NONE);
		status.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
		toggle = new Link(control, SWT.NONE);
		toggle.setVisible(false);
		toggle.addListener(SWT.Selection, e -> linkSelected(e.text));
	}

	private boolean isOutputVisible() {
		return output != null && output.isVisible();
	}

	private void linkSelected(String which) {
		if ("action".equals(which)) { //$NON-NLS-1$
			if (action != null) {
				action.run();
			}
		} else {
			setOutputVisible(!isOutputVisible());
		}
	}

	Composite control() {
		return control;
	}

	public void setSummary(String text) {
		summary.setText(UI.literal(text));
	}

	public String summary() {
		return summary.getText().replace("&&", "&"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public void setStatus(String text) {
		status.setText(UI.literal(text));
	}

	public String status() {
		return status.getText().replace("&&", "&"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Adds output (a running command's); it is drawn at the next refresh of the conversation. */
	public void appendOutput(String text) {
		int room = OUTPUT_LIMIT + 1 - shownOutput.length() - pendingOutput.length();
		if (finalOutput == null && room > 0) {
			pendingOutput.append(text, 0, Math.min(text.length(), room));
		}
	}

	/**
	 * Replaces what the card shows by the call's result (the text the model got, held by the conversation too), at the
	 * next refresh.
	 */
	public void setOutput(String result) {
		finalOutput = result;
		clearPending();
	}

	/** Empties the streamed output and lets its buffer go (a command's stream grows it to {@link #OUTPUT_LIMIT}). */
	private void clearPending() {
		pendingOutput.setLength(0);
		pendingOutput.trimToSize();
	}

	/** Names the link that unfolds the output for what it holds (e.g. a summary rather than a command's output). */
	public void setOutputLabels(String show, String hide) {
		showLabel = show;
		hideLabel = hide;
		updateToggle();
	}

	/** Offers an action on the card, such as Review for an edit. */
	public void setAction(String label, Runnable run) {
		action = run;
		updateToggle();
	}

	boolean refresh() {
		if (finalOutput != null) {
			if (finalOutput.length() > OUTPUT_LIMIT) {
				finalOutput = finalOutput.substring(0, OUTPUT_LIMIT) + '\n' + ChatMessages.Chat_outputTruncated;
			}
			boolean changed = !finalOutput.equals(shownOutput);
			shownOutput = finalOutput;
			finalOutput = null;
			if (changed) {
				showOutput();
			}
			return changed;
		}
		if (pendingOutput.isEmpty()) {
			return false;
		}
		int room = OUTPUT_LIMIT - shownOutput.length();
		if (room > 0) {
			shownOutput = shownOutput + (pendingOutput.length() > room
					? pendingOutput.substring(0, room) + '\n' + ChatMessages.Chat_outputTruncated
					: pendingOutput.toString());
		}
		clearPending();
		showOutput();
		return true;
	}

	/** Puts the output into the text widget while it is unfolded; folded, the widget holds nothing. */
	private void showOutput() {
		if (isOutputVisible()) {
			output.setText(shownOutput);
		} else if (output != null && output.getCharCount() > 0) {
			output.setText(""); //$NON-NLS-1$
		}
		updateToggle();
	}

	private void updateToggle() {
		StringBuilder links = new StringBuilder();
		if (!shownOutput.isEmpty()) {
			links.append("<a href=\"output\">").append(isOutputVisible() ? hideLabel : showLabel) //$NON-NLS-1$
					.append("</a>"); //$NON-NLS-1$
		}
		if (action != null) {
			if (!links.isEmpty()) {
				links.append("  "); //$NON-NLS-1$
			}
			links.append("<a href=\"action\">").append(ChatMessages.Chat_review).append("</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String text = links.toString();
		if (text.equals(toggle.getText()) && toggle.getVisible() == !text.isEmpty()) {
			return; // a running command's output grows, the links stay
		}
		toggle.setText(text);
		toggle.setVisible(!text.isEmpty());
		control.layout(true, true);
	}

	public void setOutputVisible(boolean visible) {
		if (output == null) {
			if (!visible) {
				return;
			}
			output = new StyledText(control, SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
			output.setFont(JFaceResources.getTextFont());
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(output);
		}
		output.setVisible(visible);
		output.setText(visible ? shownOutput : ""); //$NON-NLS-1$
		GridData data = (GridData) output.getLayoutData();
		data.exclude = !visible;
		data.heightHint = visible ? Math.min(12, Math.max(1, output.getLineCount())) * output.getLineHeight() + 8 : SWT.DEFAULT;
		updateToggle();
		ChatLayout.entryChanged(control);
	}

	public String output() {
		return shownOutput;
	}
}
