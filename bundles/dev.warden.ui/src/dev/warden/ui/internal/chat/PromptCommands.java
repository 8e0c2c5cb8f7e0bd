package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;

/**
 * {@code /} completion at the start of the chat input over the prompts of the running MCP servers
 * ({@code /server:prompt}). Choosing one puts it on the input; sending it asks for the prompt's arguments.
 */
final class PromptCommands implements IContentProposalProvider {

	private static final int MAX_PROPOSALS = 50;
	private final Supplier<List<String>> prompts;

	private PromptCommands(Supplier<List<String>> prompts) {
		this.prompts = prompts;
	}

	static void install(Text input, Supplier<List<String>> prompts) {
		ContentProposalAdapter adapter = new ContentProposalAdapter(input, new TextContentAdapter(),
				new PromptCommands(prompts), KeyStroke.getInstance(SWT.CTRL, ' '), new char[] { '/' });
		adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
		adapter.addContentProposalListener(proposal -> choose(input, proposal.getContent()));
	}

	/** Puts {@code command} ({@code /server:prompt}) in place of what was typed before the caret. */
	static void choose(Text input, String command) {
		String rest = input.getText().substring(input.getCaretPosition());
		input.setText(command + ' ' + rest.stripLeading());
		input.setSelection(command.length() + 1);
	}

	@Override
	public IContentProposal[] getProposals(String contents, int position) {
		return proposalsIn(prompts, contents.substring(0, position)).stream().map(ContentProposal::new)
				.toArray(IContentProposal[]::new);
	}

	/** What is offered for the input {@code typed} before the caret: only a {@code /word} at its start. */
	static List<String> proposalsIn(Supplier<List<String>> prompts, String typed) {
		List<String> offered = new ArrayList<>();
		if (!typed.startsWith("/") || typed.chars().anyMatch(Character::isWhitespace)) { //$NON-NLS-1$
			return offered;
		}
		String word = typed.substring(1).toLowerCase(Locale.ROOT);
		for (String prompt : prompts.get()) {
			if (prompt.toLowerCase(Locale.ROOT).contains(word)) {
				offered.add('/' + prompt);
				if (offered.size() >= MAX_PROPOSALS) {
					break;
				}
			}
		}
		return offered;
	}
}
