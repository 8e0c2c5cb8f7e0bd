package dev.warden.ui.internal.chat;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.agent.Approval;

/** Asks whether the agent may do one thing (fetch a URL, apply a change) with Allow and Reject. */
public final class ActionApprovalCard {

	private final Composite card;
	private final CompletableFuture<Approval> answer;
	private final Text reason;
	private final Label outcome;

	public ActionApprovalCard(Composite parent, String title, String subject, String explanation,
			CompletableFuture<Approval> answer) {
		this.answer = answer;
		card = Cards.card(parent, 1);
		card.setData(ConversationViewer.ENTRY, this);
		Cards.title(card, title, 1);
		Cards.code(card, subject, 1);
		if (!explanation.isBlank()) {
			Cards.text(card, explanation, 1);
		}
		Composite row = Cards.buttonRow(card, 1);
		Cards.button(row, ChatMessages.Approval_allow, this::allow);
		Cards.button(row, ChatMessages.Approval_reject, this::rejectWithTypedReason);
		reason = new Text(row, SWT.BORDER);
		reason.setMessage(ChatMessages.Approval_rejectReasonHint);
		GridDataFactory.fillDefaults().grab(true, false).hint(160, SWT.DEFAULT).applyTo(reason);
		((org.eclipse.swt.layout.GridLayout) row.getLayout()).numColumns = row.getChildren().length;
		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	private void rejectWithTypedReason() {
		reject(reason.getText().strip());
	}

	public void allow() {
		if (answer.complete(Approval.approve())) {
			Cards.close(card, outcome, ChatMessages.Approval_allowed);
		}
	}

	public void reject(String why) {
		if (answer.complete(Approval.reject(why))) {
			Cards.close(card, outcome, why.isEmpty() ? ChatMessages.Approval_rejected : NLS.bind(ChatMessages.Approval_rejectedBecause, why));
		}
	}
}
