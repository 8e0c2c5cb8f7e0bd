package dev.warden.ui.internal.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;


/** A clarifying question of the agent (Supervised mode), with its suggested answers and a box for one's own. */
public final class QuestionCard {

	private final Composite card;
	private final CompletableFuture<String> answer;
	private final Text text;
	private final Label outcome;

	public QuestionCard(Composite parent, String question, List<String> choices, CompletableFuture<String> answer) {
		this.answer = answer;
		card = Cards.card(parent, 1);
		card.setData(ConversationViewer.ENTRY, this);
		Cards.title(card, ChatMessages.Question_title, 1);
		Cards.text(card, question, 1);
		if (!choices.isEmpty()) {
			Composite row = Cards.buttonRow(card, 1);
			for (String choice : choices) {
				Cards.button(row, choice, () -> answer(choice));
			}
		}
		text = new Text(card, SWT.BORDER | SWT.MULTI | SWT.WRAP);
		text.setMessage(ChatMessages.Question_hint);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, text.getLineHeight() * 2).applyTo(text);
		text.addListener(SWT.Traverse, e -> {
			if (e.detail == SWT.TRAVERSE_RETURN && (e.stateMask & SWT.SHIFT) == 0) {
				e.doit = false;
				answer(text.getText().strip());
			}
		});
		Cards.button(Cards.buttonRow(card, 1), ChatMessages.Question_answer, () -> answer(text.getText().strip()));
		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	/** Answers the question, as a click on a choice or Enter in the box does. */
	public void answer(String value) {
		if (value.isEmpty()) {
			return;
		}
		if (answer.complete(value)) {
			Cards.close(card, outcome, NLS.bind(ChatMessages.Question_answered, value));
		}
	}
}
