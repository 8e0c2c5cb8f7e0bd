package dev.warden.ui.internal.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.mcp.McpPrompt;

/**
 * Asks for the arguments of an MCP server's prompt the user chose with {@code /server:prompt}: a box for each, the
 * required ones marked; Use Prompt completes the answer once every required one is filled in, Cancel withdraws it.
 */
public final class McpPromptCard {

	private final Composite card;
	private final CompletableFuture<Map<String, String>> answer;
	private final McpPrompt prompt;
	private final Map<String, Text> fields = new LinkedHashMap<>();
	private final Label outcome;

	McpPromptCard(Composite parent, String server, McpPrompt prompt, CompletableFuture<Map<String, String>> answer) {
		this.prompt = prompt;
		this.answer = answer;
		card = Cards.card(parent, 2);
		card.setData(ConversationViewer.ENTRY, this);
		Cards.title(card, NLS.bind(ChatMessages.Prompt_title, prompt.title(), server), 2);
		if (!prompt.description().isBlank()) {
			Cards.text(card, prompt.description(), 2);
		}
		for (McpPrompt.Argument argument : prompt.arguments()) {
			Label label = new Label(card, SWT.NONE);
			label.setText(argument.required() ? NLS.bind(ChatMessages.Prompt_required, argument.name())
					: argument.name());
			Text field = new Text(card, SWT.BORDER);
			field.setMessage(argument.description());
			GridDataFactory.fillDefaults().grab(true, false).hint(120, SWT.DEFAULT).applyTo(field);
			fields.put(argument.name(), field);
		}
		Composite buttons = Cards.buttonRow(card, 2);
		Cards.button(buttons, ChatMessages.Prompt_use, this::use);
		Cards.button(buttons, ChatMessages.Prompt_cancel, this::cancel);
		outcome = new Label(card, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(outcome);
		Cards.closeWhenAbandoned(card, outcome, answer);
	}

	Composite control() {
		return card;
	}

	private void use() {
		Map<String, String> values = new LinkedHashMap<>();
		fields.forEach((name, field) -> {
			if (!field.getText().isBlank()) {
				values.put(name, field.getText().strip());
			}
		});
		List<String> missing = prompt.missing(values);
		if (!missing.isEmpty()) {
			outcome.setText(NLS.bind(ChatMessages.Prompt_missing, String.join(", ", missing))); //$NON-NLS-1$
			ChatLayout.entryChanged(card);
			return;
		}
		if (answer.complete(values)) {
			Cards.close(card, outcome, ChatMessages.Prompt_used);
		}
	}

	private void cancel() {
		answer.cancel(false); // closes the card, saying so
	}

	// for tests: the card as a user would fill it in

	public void fill(String argument, String value) {
		fields.get(argument).setText(value);
	}

	public void pressUse() {
		use();
	}

	/** The texts the card shows, one a line. */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (var child : card.getChildren()) {
			if (child instanceof Label label) {
				text.append(label.getText()).append('\n');
			}
		}
		return text.toString();
	}
}
