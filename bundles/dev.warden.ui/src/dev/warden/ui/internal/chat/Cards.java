package dev.warden.ui.internal.chat;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import dev.warden.ui.internal.UI;

/** Small building blocks shared by the cards of the conversation. */
final class Cards {

	private Cards() {
	}

	static Composite card(Composite parent, int columns) {
		Composite card = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().numColumns(columns).margins(8, 6).spacing(6, 4).applyTo(card);
		return card;
	}

	static Label title(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(UI.literal(text));
		label.setFont(JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(label);
		return label;
	}

	static Label text(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(UI.literal(text));
		GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(label);
		return label;
	}

	static Label code(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(UI.literal(text));
		label.setFont(JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(label);
		return label;
	}

	static Composite buttonRow(Composite parent, int span) {
		Composite row = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(8).equalWidth(false).applyTo(row);
		GridDataFactory.fillDefaults().span(span, 1).grab(true, false).applyTo(row);
		return row;
	}

	static Button button(Composite row, String text, Runnable action) {
		Button button = new Button(row, SWT.PUSH);
		button.setText(UI.literal(text));
		button.addListener(SWT.Selection, e -> action.run());
		((org.eclipse.swt.layout.GridLayout) row.getLayout()).numColumns = row.getChildren().length;
		return button;
	}

	/** Closes the card, saying so, when the agent stops waiting for its answer (Stop, or the agent was cancelled). */
	static void closeWhenAbandoned(Composite card, Label outcome, java.util.concurrent.CompletableFuture<?> answer) {
		answer.whenComplete((result, failure) -> {
			if (failure != null && !card.isDisposed()) {
				card.getDisplay().asyncExec(() -> {
					if (!card.isDisposed()) {
						close(card, outcome, ChatMessages.Approval_cancelled);
					}
				});
			}
		});
	}

	/** Disables every input of a card once it is answered, and shows the outcome. */
	static void close(Composite card, Label outcome, String text) {
		disable(card);
		outcome.setText(UI.literal(text));
		outcome.setEnabled(true);
		ChatLayout.entryChanged(card);
	}

	private static void disable(Control control) {
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				disable(child);
			}
		}
		if (control instanceof Button || control instanceof org.eclipse.swt.widgets.Text) {
			control.setEnabled(false);
		}
	}
}
