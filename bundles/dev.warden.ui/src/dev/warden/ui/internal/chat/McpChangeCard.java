package dev.warden.ui.internal.chat;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.McpCall;

/**
 * Shows how a pinned MCP tool changed (its description and input schema as pinned and as the server offers them now)
 * while the tool is disabled: Accept the Change pins the tool again (the agent is offered it from the next prompt on),
 * Keep Disabled leaves it refused.
 */
public final class McpChangeCard {

	private final Composite card;
	private final CompletableFuture<Approval> answer;
	private final Label outcome;

	public McpChangeCard(Composite parent, McpCall call, CompletableFuture<Approval> answer) {
		this.answer = answer;
		McpCall.Change change = call.changeSincePin().orElseThrow();
		card = Cards.card(parent, 2);
		card.setData(ConversationViewer.ENTRY, this);
		Cards.title(card, NLS.bind(ChatMessages.McpChange_title, call.subject()), 2);
		Cards.text(card, ChatMessages.McpChange_explanation, 2);
		Cards.text(card, ChatMessages.McpChange_pinned, 1);
		Cards.text(card, ChatMessages.McpChange_now, 1);
		side(change.pinnedDescription().isEmpty() ? ChatMessages.McpChange_notKept : change.pinnedDescription());
		side(change.description());
		if (!change.pinnedSchema().equals(change.schema())) {
			side(change.pinnedSchema().isEmpty() ? ChatMessages.McpChange_notKept : change.pinnedSchema());
			side(change.schema());
		}
		for (String flag : call.flags()) {
			Label warning = Cards.text(card, NLS.bind(ChatMessages.McpApproval_flag, flag), 2);
			warning.setForeground(card.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		}
		Composite buttons = Cards.buttonRow(card, 2);
		Cards.button(buttons, ChatMessages.McpChange_accept, this::accept);
		Cards.button(buttons, ChatMessages.McpChange_keepDisabled, this::keepDisabled);
		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	private void side(String text) {
		Label label = Cards.code(card, text, 1);
		GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).align(SWT.FILL, SWT.BEGINNING)
				.applyTo(label);
	}

	Composite control() {
		return card;
	}

	public void pressAccept() {
		accept();
	}

	public void pressKeepDisabled() {
		keepDisabled();
	}

	private void accept() {
		if (answer.complete(Approval.approve())) {
			Cards.close(card, outcome, ChatMessages.McpChange_accepted);
		}
	}

	private void keepDisabled() {
		if (answer.complete(Approval.reject(ChatMessages.McpChange_keptDisabled))) {
			Cards.close(card, outcome, ChatMessages.McpChange_keptDisabled);
		}
	}
}
